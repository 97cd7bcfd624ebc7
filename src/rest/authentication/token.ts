import { AuthenticationFailed } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import type { Authentication, AuthResult, SecurityScheme } from "./authentication.js";
import { loadAuth } from "./auth-module.js";

/**
 * DRF's `TokenAuthentication`: `Authorization: Token <key>` with a key of torest/auth's
 * `authtoken_token` table (made by the obtain-token endpoint or `torest drf_create_token`).
 * Unauthenticated requests get 401 with `WWW-Authenticate: Token`.
 */
export class TokenAuthentication implements Authentication {
  /** The scheme word; set `keyword = "Bearer"` in a subclass to accept that instead, as in DRF. */
  readonly keyword: string = "Token";

  async authenticate(request: RestRequest): Promise<AuthResult | null> {
    const parts = (request.header("authorization") ?? "").split(/\s+/).filter(Boolean);
    if (parts.length === 0 || parts[0]?.toLowerCase() !== this.keyword.toLowerCase()) return null;
    if (parts.length === 1) throw new AuthenticationFailed("Invalid token header. No credentials provided.");
    if (parts.length > 2) throw new AuthenticationFailed("Invalid token header. Token string should not contain spaces.");
    const key = parts[1] as string;
    // Keys are 40 hex digits; anything else cannot match a row (and is not sent to the database).
    if (!/^[\x21-\x7e]+$/.test(key)) {
      throw new AuthenticationFailed("Invalid token header. Token string should not contain invalid characters.");
    }
    const { Token } = await loadAuth();
    const token = key.length <= 40 ? await Token.objects.filter({ key }).selectRelated("user").first() : null;
    if (!token) throw new AuthenticationFailed("Invalid token.");
    const user = await token.user;
    if (!user.is_active) throw new AuthenticationFailed("User inactive or deleted.");
    return { user, auth: token };
  }

  securityScheme(): SecurityScheme {
    return { name: "tokenAuth", scheme: { type: "apiKey", in: "header", name: "Authorization", description: 'Token-based authentication with required prefix "Token"' } };
  }

  authenticateHeader(): string {
    return this.keyword;
  }
}
