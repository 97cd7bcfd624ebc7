import { message } from "../errors/catalogue.js";
import { AuthenticationFailed } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import type { Authentication, AuthResult, SecurityScheme } from "./authentication.js";
import { loadAuth } from "./auth-module.js";
import { throttledLogin } from "./login-throttle.js";
import type { RestUser } from "./user.js";

/** Checks a username and password; returns the user, or null when they do not match. */
export type VerifyCredentials = (
  username: string,
  password: string,
  request: RestRequest,
) => RestUser | null | Promise<RestUser | null>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Users of torest/auth's `auth_user` table (Django's `authenticate()`). */
const userTable: VerifyCredentials = async (username, password) => (await loadAuth()).authenticate({ username, password });

/**
 * HTTP Basic authentication (DRF's `BasicAuthentication`) against torest/auth's user table, or
 * a `verify` function of your own. Failed logins count towards the `login` throttle scope.
 *
 * ```ts
 * new BasicAuthentication()                                  // auth_user
 * new BasicAuthentication({ verify: (u, p) => users.check(u, p) })
 * ```
 */
export class BasicAuthentication implements Authentication {
  /** Failed logins here are throttled (429): described in the OpenAPI document. */
  readonly throttlesFailedLogins = true;
  readonly #verify: VerifyCredentials;
  readonly realm: string;

  constructor(options: { verify?: VerifyCredentials; realm?: string } = {}) {
    this.#verify = options.verify ?? userTable;
    this.realm = options.realm ?? "api";
  }

  async authenticate(request: RestRequest): Promise<AuthResult | null> {
    const parts = (request.header("authorization") ?? "").split(/\s+/).filter(Boolean);
    if (parts.length === 0 || parts[0]?.toLowerCase() !== "basic") return null;
    if (parts.length === 1) throw new AuthenticationFailed(message("basic_no_credentials"));
    if (parts.length > 2) throw new AuthenticationFailed(message("basic_spaces"));
    const encoded = parts[1] as string;
    let decoded: string;
    try {
      if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) throw new Error("bad base64");
      decoded = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(encoded, "base64"));
    } catch {
      throw new AuthenticationFailed(message("basic_encoding"));
    }
    const colon = decoded.indexOf(":");
    const username = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? "" : decoded.slice(colon + 1);
    const user = await throttledLogin(request, username, async () => this.#verify(username, password, request));
    if (!user) throw new AuthenticationFailed(message("invalid_credentials"));
    if (user.isActive === false) throw new AuthenticationFailed(message("inactive_user"));
    return { user, auth: null };
  }

  securityScheme(): SecurityScheme {
    return { name: "basicAuth", scheme: { type: "http", scheme: "basic" } };
  }

  authenticateHeader(): string {
    return `Basic realm="${this.realm}"`;
  }
}
