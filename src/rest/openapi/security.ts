import type { Authentication } from "../authentication/authentication.js";
import type { RestRequest } from "../http/request.js";
import type { Schema } from "./field-schema.js";

/**
 * An authentication class may describe its OpenAPI security scheme itself (drf-spectacular's
 * `get_security_definition`); torest/auth's classes do. Others are recognised by the scheme
 * their `WWW-Authenticate` header names, or by a login page (session cookies).
 */
export interface SecurityDescribed {
  readonly securityName?: string;
  getSecurityDefinition?(): Schema;
}

export interface SecurityScheme {
  readonly name: string;
  readonly definition: Schema;
}

const BY_HEADER: Record<string, SecurityScheme> = {
  basic: { name: "basicAuth", definition: { type: "http", scheme: "basic" } },
  bearer: { name: "bearerAuth", definition: { type: "http", scheme: "bearer" } },
  token: { name: "tokenAuth", definition: { type: "apiKey", in: "header", name: "Authorization", description: 'Token-based authentication with required prefix "Token"' } },
};

export function securitySchemeOf(auth: Authentication): SecurityScheme | null {
  const described = auth as Authentication & SecurityDescribed & { loginUrl?: unknown; constructor: { name: string } };
  if (described.getSecurityDefinition) {
    return { name: described.securityName ?? described.constructor.name, definition: described.getSecurityDefinition() };
  }
  if (typeof described.loginUrl === "string") {
    return { name: "cookieAuth", definition: { type: "apiKey", in: "cookie", name: "sessionid" } };
  }
  let header: string | undefined;
  try {
    // The header depends on the class, not on the request (DRF's authenticate_header).
    header = auth.authenticateHeader?.({ header: () => undefined } as unknown as RestRequest);
  } catch {
    header = undefined;
  }
  const scheme = header?.split(/\s/)[0]?.toLowerCase();
  return (scheme && BY_HEADER[scheme]) || null;
}
