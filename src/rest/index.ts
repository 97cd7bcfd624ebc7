/**
 * torest/rest: Django REST Framework's request pipeline on node:http, with adapters for
 * Express, Fastify and the Fetch API.
 */
import "../copy-guard.js"; // fails at load time if another copy of torest is already loaded
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
  ProtectedObject,
  Conflict,
  PreconditionFailed,
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
export { DEFAULT_PARSER_LIMITS, TooManyFieldsSent, TooManyFilesSent, type ParserLimits } from "./parsers/index.js";
export { JSONRenderer } from "./renderers/json.js";
export type { Renderer, RendererContext } from "./renderers/renderer.js";
export { selectRenderer, FORMAT_QUERY_PARAM } from "./renderers/negotiation.js";
export { BrowsableAPIRenderer, browsableAPIRenderer, type BrowsableAPIOptions } from "./renderers/browsable/browsable-renderer.js";
export { HTML_SELECT_CUTOFF, HTML_SELECT_CUTOFF_TEXT } from "./renderers/browsable/form-fields.js";
export type { LoginPages, HtmlFilterBackend } from "./renderers/browsable/controls.js";

export { Router, NoReverseMatch, type Route, type RouteMatch } from "./routing/router.js";

export { type Authentication, type AuthResult, type SecurityScheme } from "./authentication/authentication.js";
export { BasicAuthentication, type VerifyCredentials } from "./authentication/basic.js";
export { TokenAuthentication } from "./authentication/token.js";
export { SessionAuthentication, SESSION_COOKIE_NAME } from "./authentication/session.js";
export { JWTAuthentication, InvalidToken, issueToken, verifyToken, DEFAULT_JWT, type JwtSettings, type TokenType } from "./authentication/jwt.js";
export { LoginView, LogoutView } from "./authentication/login-views.js";
export { ObtainAuthToken } from "./authentication/obtain-token-view.js";
export { TokenObtainPairView, TokenRefreshView, TokenVerifyView } from "./authentication/jwt-views.js";
export { authRoutes, type AuthRoute } from "./authentication/routes.js";
export { checkLoginThrottle, recordLoginFailure, DEFAULT_LOGIN_RATE } from "./authentication/login-throttle.js";
export { csrfFailure, maskCsrfSecret, newCsrfSecret, CSRF_COOKIE_NAME } from "./authentication/csrf.js";
export { AnonymousUser, type RestUser } from "./authentication/user.js";
export * from "./permissions/index.js";
export * from "./throttling/index.js";
export { type CorsOptions, DEFAULT_CORS_HEADERS, DEFAULT_CORS_METHODS } from "./cors/cors.js";

export { APIView } from "./views/api-view.js";
export { SimpleMetadata, type Metadata } from "./views/metadata.js";
export { HTTP_METHODS, type HttpMethod, type ViewHandler } from "./views/view-handler.js";

export { APIClient, type ClientResponse, type ClientRequestOptions } from "./testing/client.js";
export type { RequestFormat } from "./testing/encode.js";

export { GenericAPIView, type ModelInstance } from "./views/generic-api-view.js";
export { GenericViewSet } from "./views/viewset.js";
export { ModelViewSet, ReadOnlyModelViewSet, LIST_ACTIONS, DETAIL_ACTIONS } from "./views/model-viewset.js";
export * from "./views/mixins/index.js";
export { ModelMetadata, fieldInfo } from "./views/model-metadata.js";

export { ModelSerializer, type ModelSerializerOptions, type ModelSerializerMeta } from "./serializers/model-serializer.js";
export { Serializer, type SerializerClass, type SerializerContext, type ValidationOptions } from "./serializers/serializer.js";
export { SerializerMethodField, NestedSerializer, type NestedSerializerOptions } from "./serializers/declared-fields.js";
export { SerializerField, empty, type SerializerFieldOptions, type RenderContext } from "./serializers/fields/base.js";
export { CharField, type CharFieldOptions } from "./serializers/fields/text.js";
export { PasswordField } from "./serializers/fields/password.js";
export { IntegerField, FloatField, DecimalField } from "./serializers/fields/numbers.js";
export { BooleanField } from "./serializers/fields/boolean.js";
export { DateTimeField, DateField } from "./serializers/fields/temporal.js";
export { ChoiceField } from "./serializers/fields/choice.js";
export { JSONField, UUIDField, ReadOnlyField } from "./serializers/fields/misc.js";
export { PrimaryKeyRelatedField, ReverseOneToOneField, NestedLinkField } from "./serializers/fields/relations.js";

export * from "./filters/index.js";
export * from "./pagination/index.js";
export * from "./versioning/index.js";

export { restifyModel } from "./restify/decorator.js";
export { restifyApp, type RestifyAppOptions } from "./restify/restify-app.js";
export type { RestifyOptions, ViewParams } from "./restify/options.js";
export { CustomActionView, type CustomAction, type CustomActionContext } from "./restify/custom-action.js";
export { ApiRootView } from "./restify/root-view.js";
export { NestedViewSet, OneToManyListView, ManyToManyListView, ManyToManyDetailView } from "./restify/nested-views.js";
export type { NestedViews } from "./restify/options.js";
export { openApiSchema, EXCLUDED_FROM_SCHEMA, type OpenApiInfo } from "./openapi/generator.js";
export { SchemaView, YAMLOpenAPIRenderer } from "./openapi/schema-view.js";
export { SwaggerUIView } from "./openapi/docs-view.js";
export type { SecurityDescribed } from "./openapi/security.js";
export { typescriptClient } from "./openapi/typescript-client.js";
