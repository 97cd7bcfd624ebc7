import { randomUUID } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { AuthenticationFailed } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import type { Authentication, AuthResult, SecurityScheme } from "./authentication.js";
import { loadAuth } from "./auth-module.js";

/** djangorestframework-simplejwt's defaults: 5-minute access, 1-day refresh tokens, HS256 with SECRET_KEY. */
export interface JwtSettings {
  accessLifetime: number;
  refreshLifetime: number;
  /** Defaults to torest/auth's secret key. */
  signingKey?: string;
}

export const DEFAULT_JWT: JwtSettings = { accessLifetime: 300, refreshLifetime: 86_400 };

export type TokenType = "access" | "refresh";

/** simplejwt's `InvalidToken` (401): `{"detail": ..., "code": "token_not_valid", ...}`. */
export class InvalidToken extends AuthenticationFailed {
  constructor(detail: Record<string, unknown> = {}) {
    super({ detail: "Token is invalid or expired", code: "token_not_valid", ...detail } as never);
  }

  override body(): unknown {
    return this.detail;
  }
}

const key = async (settings: JwtSettings) => new TextEncoder().encode(settings.signingKey ?? (await loadAuth()).secretKey());

/** A signed token as simplejwt makes it: `token_type`, `exp`, `iat`, `jti`, `user_id`. */
export async function issueToken(type: TokenType, userId: unknown, settings: JwtSettings = DEFAULT_JWT, claims: JWTPayload = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const lifetime = type === "access" ? settings.accessLifetime : settings.refreshLifetime;
  return new SignJWT({ ...claims, token_type: type, exp: now + lifetime, iat: now, jti: randomUUID().replace(/-/g, ""), user_id: userId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(await key(settings));
}

/** The payload of a valid, unexpired token of this type; throws `InvalidToken` otherwise. */
export async function verifyToken(token: string, type: TokenType | null, settings: JwtSettings = DEFAULT_JWT): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, await key(settings), { algorithms: ["HS256"] }));
  } catch (error) {
    if (error instanceof joseErrors.JOSEError || error instanceof TypeError) throw new InvalidToken();
    throw error;
  }
  if (type !== null && payload.token_type !== type) throw new InvalidToken({ detail: "Token has wrong type" });
  if (!("user_id" in payload)) throw new InvalidToken({ detail: "Token contained no recognizable user identification" });
  return payload;
}

/**
 * simplejwt's `JWTAuthentication`: `Authorization: Bearer <access token>`. Offers
 * `WWW-Authenticate: Bearer realm="api"`, so unauthenticated requests get 401.
 */
export class JWTAuthentication implements Authentication {
  constructor(readonly settings: JwtSettings = DEFAULT_JWT) {}

  async authenticate(request: RestRequest): Promise<AuthResult | null> {
    const parts = (request.header("authorization") ?? "").split(/\s+/).filter(Boolean);
    if (parts.length === 0 || parts[0] !== "Bearer") return null;
    if (parts.length !== 2) {
      throw new AuthenticationFailed({ detail: "Authorization header must contain two space-delimited values", code: "bad_authorization_header" } as never);
    }
    let payload: JWTPayload;
    try {
      payload = await verifyToken(parts[1] as string, "access", this.settings);
    } catch (error) {
      if (!(error instanceof InvalidToken)) throw error;
      throw new InvalidToken({
        detail: "Given token not valid for any token type",
        messages: [{ token_class: "AccessToken", token_type: "access", message: "Token is invalid or expired" }],
      });
    }
    const { User } = await loadAuth();
    const id = payload.user_id;
    const user = typeof id === "number" || typeof id === "string" ? await User.objects.filter({ pk: id }).first().catch(() => null) : null;
    if (!user) throw new AuthenticationFailed({ detail: "User not found", code: "user_not_found" } as never);
    if (!user.is_active) throw new AuthenticationFailed({ detail: "User is inactive", code: "user_inactive" } as never);
    return { user, auth: payload };
  }

  securityScheme(): SecurityScheme {
    return { name: "jwtAuth", scheme: { type: "http", scheme: "bearer", bearerFormat: "JWT" } };
  }

  authenticateHeader(): string {
    return 'Bearer realm="api"';
  }
}

