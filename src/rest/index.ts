/**
 * torest/rest: Django REST Framework's request pipeline on node:http, with adapters for
 * Express, Fastify and the Fetch API.
 */
export { createHandler, type RestHandler } from "./app/handler.js";
export { RestApp, type RestAppOptions } from "./app/rest-app.js";
export { resolveSettings, DEFAULT_BODY_LIMIT, type RestSettings } from "./app/settings.js";

export { RestRequest } from "./http/request.js";
export { RestResponse, SECURITY_HEADERS } from "./http/response.js";
export { QueryDict } from "./http/query-dict.js";
export type { RequestSource } from "./http/source.js";

export { ERRORS, type ErrorCode } from "./errors/catalogue.js";
export { ErrorDetail, type ErrorTree, type DetailInput } from "./errors/error-detail.js";
export {
  APIException,
  ParseError,
  AuthenticationFailed,
  NotAuthenticated,
  PermissionDenied,
  NotFound,
  MethodNotAllowed,
  NotAcceptable,
  RequestTooLarge,
  UnsupportedMediaType,
  Throttled,
  ValidationError,
} from "./errors/exceptions.js";
export { defaultExceptionHandler, type ExceptionHandler, type ExceptionContext, type Logger } from "./errors/handler.js";
export { ImproperlyConfigured } from "./errors/improperly-configured.js";

export { JSONParser, FormParser, MultiPartParser, DEFAULT_PARSERS, type Parser, type ParsedBody } from "./parsers/index.js";
export { JSONRenderer } from "./renderers/json.js";
export type { Renderer } from "./renderers/renderer.js";

export { Router, NoReverseMatch, type Route, type RouteMatch } from "./routing/router.js";

export { type Authentication, type AuthResult } from "./authentication/authentication.js";
export { BasicAuthentication, type VerifyCredentials } from "./authentication/basic.js";
export { AnonymousUser, type RestUser } from "./authentication/user.js";
export * from "./permissions/index.js";
export * from "./throttling/index.js";

export { APIView } from "./views/api-view.js";
export { SimpleMetadata, type Metadata } from "./views/metadata.js";
export { HTTP_METHODS, type HttpMethod, type ViewHandler } from "./views/view-handler.js";

export { APIClient, type ClientResponse, type ClientRequestOptions } from "./testing/client.js";
export type { RequestFormat } from "./testing/encode.js";
