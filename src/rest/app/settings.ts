import type { Authentication } from "../authentication/authentication.js";
import { defaultExceptionHandler, type ExceptionHandler, type Logger } from "../errors/handler.js";
import { DEFAULT_PARSERS, type Parser } from "../parsers/index.js";
import { AllowAny } from "../permissions/builtins.js";
import type { Permission } from "../permissions/permission.js";
import { BrowsableAPIRenderer } from "../renderers/browsable/browsable-renderer.js";
import { JSONRenderer } from "../renderers/json.js";
import type { Renderer } from "../renderers/renderer.js";
import { MemoryThrottleStore, type ThrottleStore } from "../throttling/store.js";
import type { Throttle } from "../throttling/throttle.js";

/**
 * Defaults for every view of an app (DRF's `REST_FRAMEWORK` setting); a view overrides one by
 * setting the property of the same name.
 */
export interface RestSettings {
  /** DEFAULT_AUTHENTICATION_CLASSES; none by default (DRF's session/basic need a user store). */
  readonly authentication: readonly Authentication[];
  /** DEFAULT_PERMISSION_CLASSES: `[AllowAny]`. */
  readonly permissions: readonly Permission[];
  /** DEFAULT_THROTTLE_CLASSES: none. */
  readonly throttles: readonly Throttle[];
  /** DEFAULT_THROTTLE_RATES, by scope: `{ anon: "100/day" }`; null disables a scope. */
  readonly throttleRates: Readonly<Record<string, string | null>>;
  /** Where throttles count requests (Django's cache); in memory, per app, by default. */
  readonly throttleStore: ThrottleStore;
  /** DEFAULT_PARSER_CLASSES: JSON, form, multipart. */
  readonly parsers: readonly Parser[];
  /** DEFAULT_RENDERER_CLASSES: JSON, then the browsable API (`Accept: text/html`, `?format=api`). */
  readonly renderers: readonly Renderer[];
  /** Largest accepted body in bytes (Django's DATA_UPLOAD_MAX_MEMORY_SIZE): 2.5 MiB. */
  readonly bodyLimit: number;
  /** NUM_PROXIES: how many proxies sit in front, for client addresses in throttling. */
  readonly numProxies?: number;
  /** EXCEPTION_HANDLER. */
  readonly exceptionHandler: ExceptionHandler;
  /** Receives server errors (500s); `console` by default. */
  readonly logger: Logger;
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
    exceptionHandler: defaultExceptionHandler,
    logger: console,
    ...overrides,
  });
}
