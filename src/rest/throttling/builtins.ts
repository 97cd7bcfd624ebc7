import type { RestRequest } from "../http/request.js";
import { clientIdent } from "./ident.js";
import { RateThrottle, type RateThrottleOptions } from "./throttle.js";

type Options = Omit<RateThrottleOptions, "scope" | "key">;

/** The user's primary key when authenticated, else the client address. */
const userOrIdent = (request: RestRequest): string =>
  request.user.isAuthenticated && request.user.pk != null ? String(request.user.pk) : clientIdent(request);

/** Anonymous clients by address, rate `throttleRates.anon` (DRF's `AnonRateThrottle`). */
export function AnonRateThrottle(options: Options = {}): RateThrottle {
  return new RateThrottle({
    ...options,
    scope: "anon",
    key: (request) => (request.user.isAuthenticated ? null : clientIdent(request)),
  });
}

/** Each user (or anonymous address), rate `throttleRates.user` (DRF's `UserRateThrottle`). */
export function UserRateThrottle(options: Options = {}): RateThrottle {
  return new RateThrottle({ ...options, scope: "user", key: userOrIdent });
}

/**
 * Per view scope: views set `throttleScope = "uploads"` and the rate is
 * `throttleRates.uploads` (DRF's `ScopedRateThrottle`); views without a scope are not limited.
 */
export function ScopedRateThrottle(options: Options = {}): RateThrottle {
  return new RateThrottle({ ...options, scope: (view) => view.throttleScope, key: userOrIdent });
}
