import type { RestRequest } from "../http/request.js";
import { AnonymousUser, type RestUser } from "./user.js";

/** A successful authentication: the user and the credential (token, session, ...). */
export interface AuthResult {
  readonly user: RestUser;
  readonly auth?: unknown;
}

/**
 * One way of identifying the client (DRF's `BaseAuthentication`). Return null when the request
 * does not carry this kind of credential, so the next class is tried; throw
 * `AuthenticationFailed` when it does but the credential is wrong.
 */
export interface Authentication {
  authenticate(request: RestRequest): AuthResult | null | Promise<AuthResult | null>;
  /**
   * The `WWW-Authenticate` value sent with 401 answers. When the view's first authentication
   * class has none, unauthenticated requests get 403 instead (as in DRF).
   */
  authenticateHeader?(request: RestRequest): string | undefined;
  /**
   * This class's OpenAPI security scheme (`components.securitySchemes[name]`), named as
   * drf-spectacular names DRF's classes: `basicAuth`, `cookieAuth`, `tokenAuth`, `jwtAuth`.
   */
  securityScheme?(): SecurityScheme;
}

/** An OpenAPI 3 security scheme and the name it is listed under. */
export interface SecurityScheme {
  readonly name: string;
  readonly scheme: Readonly<Record<string, unknown>>;
}

/**
 * Runs the authentication classes in order and sets `request.user`, `request.auth` and
 * `request.authenticator` (DRF's `Request._authenticate`).
 */
export async function authenticate(
  request: RestRequest,
  authenticators: readonly Authentication[],
): Promise<void> {
  request.authenticators = authenticators;
  if (request.forcedAuth) {
    request.user = request.forcedAuth.user;
    request.auth = request.forcedAuth.auth;
    request.authenticator = FORCED;
    return;
  }
  for (const authenticator of authenticators) {
    const result = await authenticator.authenticate(request);
    if (result) {
      request.user = result.user;
      request.auth = result.auth ?? null;
      request.authenticator = authenticator;
      return;
    }
  }
  request.user = AnonymousUser;
  request.auth = null;
  request.authenticator = null;
}

/** Stands for the test client's forced authentication. */
const FORCED: Authentication = { authenticate: () => null };
