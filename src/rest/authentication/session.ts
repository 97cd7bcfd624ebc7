import { PermissionDenied } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import type { Authentication, AuthResult, SecurityScheme } from "./authentication.js";
import { loadAuth } from "./auth-module.js";
import { requestCookies } from "./cookies.js";
import { csrfFailure } from "./csrf.js";

/** Django's `SESSION_COOKIE_NAME`. */
export const SESSION_COOKIE_NAME = "sessionid";

/**
 * DRF's `SessionAuthentication`: the user of the `sessionid` cookie's session in Django's
 * `django_session` table (a Django project with the same SECRET_KEY shares its logins). Unsafe
 * requests of a session-authenticated user must pass Django's CSRF check, else 403
 * `CSRF Failed: <reason>`. It offers no `WWW-Authenticate`, so unauthenticated requests get 403.
 */
export class SessionAuthentication implements Authentication {
  /** Django's CSRF_TRUSTED_ORIGINS: other origins allowed to send unsafe requests. */
  readonly trustedOrigins: readonly string[];

  /** The login page the browsable API links to (`<prefix>/api-auth/login/` with `authRoutes()`). */
  readonly loginUrl?: string;
  /** Where the browsable API's "Log out" posts. */
  readonly logoutUrl?: string;

  constructor(options: { trustedOrigins?: readonly string[]; loginUrl?: string; logoutUrl?: string } = {}) {
    this.trustedOrigins = options.trustedOrigins ?? [];
    if (options.loginUrl !== undefined) this.loginUrl = options.loginUrl;
    if (options.logoutUrl !== undefined) this.logoutUrl = options.logoutUrl;
  }

  async authenticate(request: RestRequest): Promise<AuthResult | null> {
    const key = requestCookies(request).get(SESSION_COOKIE_NAME);
    if (!key) return null;
    const user = await (await loadAuth()).sessionUser(key);
    if (!user) return null;
    await this.enforceCsrf(request);
    return { user, auth: null };
  }

  securityScheme(): SecurityScheme {
    return { name: "cookieAuth", scheme: { type: "apiKey", in: "cookie", name: SESSION_COOKIE_NAME } };
  }

  /** DRF's `enforce_csrf`: only unsafe methods are checked. */
  async enforceCsrf(request: RestRequest): Promise<void> {
    if (["GET", "HEAD", "OPTIONS", "TRACE"].includes(request.method)) return;
    const reason = await csrfFailure(request, this.trustedOrigins);
    if (reason) throw new PermissionDenied(`CSRF Failed: ${reason}`);
  }
}
