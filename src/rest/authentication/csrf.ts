import { randomInt } from "node:crypto";
import { timingSafeEqual } from "node:crypto";
import type { RestRequest } from "../http/request.js";
import { QueryDict } from "../http/query-dict.js";
import { requestCookies } from "./cookies.js";

// Django's CsrfViewMiddleware as DRF's SessionAuthentication.enforce_csrf runs it: the
// `csrftoken` cookie holds a secret; unsafe requests echo it (masked or not) in the
// `csrfmiddlewaretoken` form field or the X-CSRFToken header. Reasons are Django's wording.

const CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const SECRET_LENGTH = 32;
const TOKEN_LENGTH = 64;
export const CSRF_COOKIE_NAME = "csrftoken";
const VALID = /^[a-zA-Z0-9]*$/;

const randomChars = (n: number) => Array.from({ length: n }, () => CHARS[randomInt(CHARS.length)]).join("");

/** A new secret for the `csrftoken` cookie (Django's `_get_new_csrf_string`). */
export const newCsrfSecret = (): string => randomChars(SECRET_LENGTH);

/** Django's `_mask_cipher_secret`: a fresh 64-character token for the secret (BREACH protection). */
export function maskCsrfSecret(secret: string): string {
  const mask = randomChars(SECRET_LENGTH);
  let cipher = "";
  for (let i = 0; i < SECRET_LENGTH; i++) cipher += CHARS[(CHARS.indexOf(secret[i] as string) + CHARS.indexOf(mask[i] as string)) % CHARS.length];
  return mask + cipher;
}

function unmask(token: string): string {
  const mask = token.slice(0, SECRET_LENGTH);
  const cipher = token.slice(SECRET_LENGTH);
  let secret = "";
  for (let i = 0; i < SECRET_LENGTH; i++) {
    const index = CHARS.indexOf(cipher[i] as string) - CHARS.indexOf(mask[i] as string);
    secret += CHARS[(index + CHARS.length) % CHARS.length];
  }
  return secret;
}

/** Django's `_check_token_format`: the reason a token is malformed, or null. */
function formatProblem(token: string): string | null {
  if (token.length !== SECRET_LENGTH && token.length !== TOKEN_LENGTH) return "has incorrect length";
  if (!VALID.test(token)) return "has invalid characters";
  return null;
}

const secretOf = (token: string) => (token.length === TOKEN_LENGTH ? unmask(token) : token);

/** Why Django's CSRF check refuses this request, or null when it passes. */
export async function csrfFailure(request: RestRequest, trustedOrigins: readonly string[] = []): Promise<string | null> {
  const secure = request.source.scheme === "https";
  const good = `${request.source.scheme}://${request.header("host") ?? ""}`;
  const origin = request.header("origin");
  if (origin !== undefined) {
    if (origin !== good && !trustedOrigins.includes(origin)) return `Origin checking failed - ${origin} does not match any trusted origins.`;
  } else if (secure) {
    const referer = request.header("referer");
    if (!referer) return "Referer checking failed - no Referer.";
    let url: URL;
    try {
      url = new URL(referer);
    } catch {
      return "Referer checking failed - Referer is malformed.";
    }
    if (url.protocol !== "https:") return "Referer checking failed - Referer is insecure while host is secure.";
    if (url.host !== request.header("host") && !trustedOrigins.includes(url.origin)) {
      return `Referer checking failed - ${referer} does not match any trusted origins.`;
    }
  }
  const cookie = requestCookies(request).get(CSRF_COOKIE_NAME);
  if (cookie === undefined) return "CSRF cookie not set.";
  const cookieProblem = formatProblem(cookie);
  if (cookieProblem) return `CSRF cookie ${cookieProblem}.`;

  let token = "";
  let source = "POST";
  if (request.method === "POST" && /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(request.contentType)) {
    try {
      const data = (await request.load()).data;
      if (data instanceof QueryDict) token = String(data.get("csrfmiddlewaretoken") ?? "");
    } catch {
      // An unreadable body: Django carries on with the header.
    }
  }
  if (token === "") {
    const header = request.header("x-csrftoken");
    if (header === undefined) return "CSRF token missing.";
    token = header;
    source = "the 'X-Csrftoken' HTTP header";
  }
  const tokenProblem = formatProblem(token);
  if (tokenProblem) return `CSRF token from ${source} ${tokenProblem}.`;
  const a = Buffer.from(secretOf(token));
  const b = Buffer.from(secretOf(cookie));
  if (a.length !== b.length || !timingSafeEqual(a, b)) return `CSRF token from ${source} incorrect.`;
  return null;
}
