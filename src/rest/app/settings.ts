import type { Authentication } from "../authentication/authentication.js";
import { defaultExceptionHandler, type ExceptionHandler, type Logger } from "../errors/handler.js";
import { DEFAULT_PARSERS, type Parser } from "../parsers/index.js";
import { DEFAULT_PARSER_LIMITS, type ParserLimits } from "../parsers/limits.js";
import { AllowAny } from "../permissions/builtins.js";
import type { Permission } from "../permissions/permission.js";
import { BrowsableAPIRenderer } from "../renderers/browsable/browsable-renderer.js";
import { JSONRenderer } from "../renderers/json.js";
import type { Renderer } from "../renderers/renderer.js";
import type { CorsOptions } from "../cors/cors.js";
import { MemoryThrottleStore, type ThrottleStore } from "../throttling/store.js";
import type { Throttle } from "../throttling/throttle.js";
import type { FilterBackend } from "../filters/filter-backend.js";
import type { AnyPagination } from "../pagination/pagination.js";
import type { Versioning } from "../versioning/versioning.js";

/**
 * Defaults for every view of an app (DRF's `REST_FRAMEWORK` setting); a view overrides one by
 * setting the property of the same name. The body limits of `ParserLimits` (Django's
 * DATA_UPLOAD_MAX_NUMBER_FIELDS and friends; null lifts one) are app-wide only.
 */
export interface RestSettings extends ParserLimits {
  /** DEFAULT_AUTHENTICATION_CLASSES; none by default (DRF's session/basic need a user store). */
  readonly authentication: readonly Authentication[];
  /** DEFAULT_PERMISSION_CLASSES: `[AllowAny]`. */
  readonly permissions: readonly Permission[];
  /** DEFAULT_THROTTLE_CLASSES: none. */
  readonly throttles: readonly Throttle[];
  /** DEFAULT_THROTTLE_RATES, by scope: `{ anon: "100/day" }`; null disables a scope. */
  readonly throttleRates: Readonly<Record<string, string | null>>;
  /**
   * Where throttles (and the failed-login limit) count requests (Django's cache); in memory,
   * per app, by default; `RedisThrottleStore` to share limits between processes.
   */
  readonly throttleStore: ThrottleStore;
  /** django-cors-headers' CORS_* settings; no CORS headers when absent. */
  readonly cors?: CorsOptions;
  /** DEFAULT_PARSER_CLASSES: JSON, form, multipart. */
  readonly parsers: readonly Parser[];
  /** DEFAULT_RENDERER_CLASSES: JSON, then the browsable API (`Accept: text/html`, `?format=api`). */
  readonly renderers: readonly Renderer[];
  /** Largest accepted body in bytes (Django's DATA_UPLOAD_MAX_MEMORY_SIZE): 2.5 MiB. */
  readonly bodyLimit: number;
  /**
   * NUM_PROXIES: how many proxies sit in front, for client addresses in throttling. Unset
   * (and no `trustedProxies`), X-Forwarded-For is ignored: the socket address counts.
   */
  readonly numProxies?: number;
  /** Addresses of the proxies in front, an alternative to `numProxies` (see `clientIdent`). */
  readonly trustedProxies?: readonly string[];
  /** EXCEPTION_HANDLER. */
  readonly exceptionHandler: ExceptionHandler;
  /** Receives server errors (500s); `console` by default. */
  readonly logger: Logger;
  /**
   * DEFAULT_FILTER_BACKENDS: none for plain generic views, as DRF; `restifyApp` uses
   * django-filter, search and ordering (django-to-rest's trio) unless this is set.
   */
  readonly filterBackends?: readonly FilterBackend[];
  /** DEFAULT_PAGINATION_CLASS: an instance (`new PageNumberPagination()`); null, unpaginated, by default. */
  readonly pagination: AnyPagination | null;
  /** PAGE_SIZE: read by paginators built without their own size; null by default. */
  readonly pageSize: number | null;
  /** DEFAULT_VERSIONING_CLASS: an instance (`new URLPathVersioning()`); none by default. */
  readonly versioning: Versioning | null;
  /** DEFAULT_VERSION: `request.version` when the client names none. */
  readonly defaultVersion: string | null;
  /** ALLOWED_VERSIONS: any version when null. */
  readonly allowedVersions: readonly string[] | null;
  /** VERSION_PARAM: the parameter or URL keyword that carries the version ("version"). */
  readonly versionParam: string;
}

export const DEFAULT_BODY_LIMIT = 2.5 * 1024 * 1024;

export function resolveSettings(overrides: Partial<RestSettings> = {}): RestSettings {
  return Object.freeze({
    authentication: [],
    permissions: [AllowAny],
    throttles: [],
    throttleRates: {},
    throttleStore: new MemoryThrottleStore(),
    parsers: DEFAULT_PARSERS,
    renderers: [JSONRenderer, BrowsableAPIRenderer],
    bodyLimit: DEFAULT_BODY_LIMIT,
    ...DEFAULT_PARSER_LIMITS,
    exceptionHandler: defaultExceptionHandler,
    logger: console,
    pagination: null,
    pageSize: null,
    versioning: null,
    defaultVersion: null,
    allowedVersions: null,
    versionParam: "version",
    ...overrides,
  });
}
