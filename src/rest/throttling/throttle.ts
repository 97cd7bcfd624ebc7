import { ImproperlyConfigured } from "../errors/improperly-configured.js";
import type { RestRequest } from "../http/request.js";
import type { APIView } from "../views/api-view.js";
import { parseRate, type Rate } from "./rate.js";
import type { ThrottleStore } from "./store.js";

/** Let the request through, or refuse it saying how many seconds to wait (null: unknown). */
export type ThrottleDecision = { readonly allowed: true } | { readonly allowed: false; readonly wait: number | null };

/** Limits request rates (DRF's `BaseThrottle`); a refusal answers 429 with Retry-After. */
export interface Throttle {
  allow(request: RestRequest, view: APIView): ThrottleDecision | Promise<ThrottleDecision>;
}

const ALLOWED: ThrottleDecision = Object.freeze({ allowed: true });

export interface RateThrottleOptions {
  /** Names the rate in `settings.throttleRates` and the cache keys; may come from the view. */
  scope: string | ((view: APIView) => string | undefined);
  /** Who is counted: null exempts the request (e.g. anonymous throttle, authenticated user). */
  key: (request: RestRequest, view: APIView) => string | null;
  /** Overrides `settings.throttleRates[scope]`, e.g. `"100/day"`. */
  rate?: string | null;
  /** Where histories live; the app's `throttleStore` setting by default (shared by all views). */
  store?: ThrottleStore;
  /** Seconds since the epoch; injectable for tests. */
  now?: () => number;
}

/**
 * A sliding-window rate limit (DRF's `SimpleRateThrottle`); the built-in throttles are this
 * class with a different scope and key.
 */
export class RateThrottle implements Throttle {
  readonly #options: RateThrottleOptions;
  readonly #now: () => number;
  /** Parsed rates by their text, so a request does not parse the setting again. */
  readonly #rates = new Map<string, Rate>();

  constructor(options: RateThrottleOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => Date.now() / 1000);
  }

  async allow(request: RestRequest, view: APIView): Promise<ThrottleDecision> {
    const { scope: scopeOption, key } = this.#options;
    const scope = typeof scopeOption === "function" ? scopeOption(view) : scopeOption;
    if (scope === undefined) return ALLOWED;
    const rate = this.#rate(scope, request);
    if (rate === null) return ALLOWED;
    const ident = key(request, view);
    if (ident === null) return ALLOWED;

    const cacheKey = `throttle_${scope}_${ident}`;
    const now = this.#now();
    const store = this.#options.store ?? request.settings.throttleStore;
    const { allowed, history } = await store.hit(cacheKey, { limit: rate.requests, duration: rate.duration, now });
    return allowed ? ALLOWED : { allowed: false, wait: wait(rate, history, now) };
  }

  #rate(scope: string, request: RestRequest): Rate | null {
    const text = this.#options.rate !== undefined ? this.#options.rate : request.settings.throttleRates[scope];
    if (text === undefined) {
      throw new ImproperlyConfigured(
        `No throttle rate set for the "${scope}" scope: add it to the throttleRates setting, ` +
          `e.g. throttleRates: { ${scope}: "100/day" }.`,
      );
    }
    if (text === null) return null;
    let rate = this.#rates.get(text);
    if (!rate) this.#rates.set(text, (rate = parseRate(text)));
    return rate;
  }
}

/** DRF's `wait()`: the remaining window shared among the requests still to come. */
export function wait(rate: Rate, history: readonly number[], now: number): number | null {
  const oldest = history[history.length - 1];
  const remaining = oldest === undefined ? rate.duration : rate.duration - (now - oldest);
  const available = rate.requests - history.length + 1;
  return available <= 0 ? null : remaining / available;
}
