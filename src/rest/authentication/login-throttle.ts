import { Throttled } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import { clientIdent } from "../throttling/ident.js";
import { parseRate, type Rate } from "../throttling/rate.js";

/** The `login` scope's rate when `throttleRates.login` is not set; null there turns it off. */
export const DEFAULT_LOGIN_RATE = "10/min";

function loginRate(request: RestRequest): Rate | null {
  const text = request.settings.throttleRates.login;
  if (text === null) return null;
  return parseRate(text ?? DEFAULT_LOGIN_RATE);
}

const keys = (request: RestRequest, username: string) => [
  `throttle_login_user_${username.toLowerCase()}`,
  `throttle_login_ident_${clientIdent(request)}`,
];

/**
 * Failed logins are limited per username and per client address (the `login` throttle scope,
 * default 10/min): once either has that many failures in the window, every login with it gets
 * 429 with Retry-After, right password or not, until the window moves on. Shared through the
 * app's `throttleStore`, so behind Redis the limit holds across processes.
 */
export async function checkLoginThrottle(request: RestRequest, username: string): Promise<void> {
  const rate = loginRate(request);
  if (!rate) return;
  const now = Date.now() / 1000;
  const store = request.settings.throttleStore;
  let longest: number | null = null;
  let refused = false;
  for (const key of keys(request, username)) {
    const { history } = await store.hit(key, { limit: 0, duration: rate.duration, now });
    if (history.length < rate.requests) continue;
    refused = true;
    // Until the oldest failure leaves the window.
    longest = Math.max(longest ?? 0, rate.duration - (now - (history[history.length - 1] as number)));
  }
  if (refused) throw new Throttled(longest);
}

/** Counts one failed login against the username and the client address. */
export async function recordLoginFailure(request: RestRequest, username: string): Promise<void> {
  const rate = loginRate(request);
  if (!rate) return;
  const now = Date.now() / 1000;
  for (const key of keys(request, username)) {
    await request.settings.throttleStore.hit(key, { limit: Infinity, duration: rate.duration, now });
  }
}

/**
 * `authenticate` from torest/auth behind the login throttle: the user, or null after counting
 * the failure.
 */
export async function throttledLogin<U>(
  request: RestRequest,
  username: string,
  check: () => Promise<U | null>,
): Promise<U | null> {
  await checkLoginThrottle(request, username);
  const user = await check();
  if (!user) await recordLoginFailure(request, username);
  return user;
}
