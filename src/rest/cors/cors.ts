import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import { patchVary } from "../renderers/render.js";

/**
 * django-cors-headers' settings (CORS_*). Nothing is allowed unless an origin is listed,
 * matched by a pattern, or `allowAllOrigins` is set.
 */
export interface CorsOptions {
  /** CORS_ALLOWED_ORIGINS: `scheme://host[:port]`, e.g. `https://app.example.com`. */
  allowedOrigins?: readonly string[];
  /** CORS_ALLOWED_ORIGIN_REGEXES. */
  allowedOriginRegexes?: readonly RegExp[];
  /** CORS_ALLOW_ALL_ORIGINS. */
  allowAllOrigins?: boolean;
  /** CORS_ALLOW_CREDENTIALS: cookies and Authorization on cross-origin requests. */
  allowCredentials?: boolean;
  /** CORS_ALLOW_HEADERS (preflight). */
  allowHeaders?: readonly string[];
  /** CORS_ALLOW_METHODS (preflight). */
  allowMethods?: readonly string[];
  /** CORS_EXPOSE_HEADERS. */
  exposeHeaders?: readonly string[];
  /** CORS_PREFLIGHT_MAX_AGE in seconds (0: no header). */
  preflightMaxAge?: number;
  /** CORS_URLS_REGEX: which paths get CORS handling (all by default). */
  urlsRegex?: RegExp;
}

/** django-cors-headers' `default_headers`. */
export const DEFAULT_CORS_HEADERS = ["accept", "authorization", "content-type", "user-agent", "x-csrftoken", "x-requested-with"] as const;
/** django-cors-headers' `default_methods`. */
export const DEFAULT_CORS_METHODS = ["DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT"] as const;

const isPreflight = (request: RestRequest) => request.method === "OPTIONS" && request.header("access-control-request-method") !== undefined;
const handles = (cors: CorsOptions, request: RestRequest) => !cors.urlsRegex || cors.urlsRegex.test(request.path);

function originAllowed(cors: CorsOptions, origin: string): boolean {
  if (cors.allowAllOrigins) return true;
  if (cors.allowedOrigins?.includes(origin)) return true;
  return (cors.allowedOriginRegexes ?? []).some((re) => re.test(origin));
}

/**
 * A preflight request (OPTIONS with Access-Control-Request-Method) is answered here with an
 * empty 200, before routing, authentication or permissions, as the middleware does; null for
 * every other request.
 */
export function corsPreflight(cors: CorsOptions | undefined, request: RestRequest): RestResponse | null {
  if (!cors || !isPreflight(request) || !handles(cors, request)) return null;
  const response = RestResponse.raw("", "text/html; charset=utf-8");
  response.headers["content-length"] = "0";
  return response;
}

/** Adds `Vary: Origin` and, for an allowed origin, the Access-Control-* headers. */
export function applyCors(cors: CorsOptions | undefined, request: RestRequest, response: RestResponse): void {
  if (!cors || !handles(cors, request)) return;
  const headers = response.headers;
  patchVary(headers, ["origin"]);
  const origin = request.header("origin");
  if (!origin || !originAllowed(cors, origin)) return;
  headers["access-control-allow-origin"] = cors.allowAllOrigins && !cors.allowCredentials ? "*" : origin;
  if (cors.allowCredentials) headers["access-control-allow-credentials"] = "true";
  if (cors.exposeHeaders?.length) headers["access-control-expose-headers"] = cors.exposeHeaders.join(", ");
  if (isPreflight(request)) {
    headers["access-control-allow-headers"] = (cors.allowHeaders ?? DEFAULT_CORS_HEADERS).join(", ");
    headers["access-control-allow-methods"] = (cors.allowMethods ?? DEFAULT_CORS_METHODS).join(", ");
    const maxAge = cors.preflightMaxAge ?? 86_400;
    if (maxAge) headers["access-control-max-age"] = String(maxAge);
  }
}
