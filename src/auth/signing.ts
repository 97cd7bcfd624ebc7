import { createHash, createHmac } from "node:crypto";
import { deflateSync, inflateSync } from "node:zlib";
import { constantTimeEqual } from "./hashers/hasher.js";
import { secretKey } from "./secret-key.js";

// Django's django.core.signing and salted_hmac, byte for byte, so values signed by a Django
// project with the same SECRET_KEY (its sessions) are read here and the reverse.

const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Django's `salted_hmac(key_salt, value, secret)` with SHA-256. */
export function saltedHmac(keySalt: string, value: string, secret = secretKey()): Buffer {
  const key = createHash("sha256").update(keySalt + secret).digest();
  return createHmac("sha256", key).update(value).digest();
}

const b64encode = (data: Buffer): string => data.toString("base64url");

function b62encode(value: number): string {
  if (value === 0) return "0";
  let out = "";
  for (let n = value; n > 0; n = Math.floor(n / 62)) out = B62[n % 62] + out;
  return out;
}

function b62decode(text: string): number {
  let n = 0;
  for (const c of text) {
    const digit = B62.indexOf(c);
    if (digit < 0) return Number.NaN;
    n = n * 62 + digit;
  }
  return n;
}

/** Python's `json.dumps(obj, separators=(",", ":"))`: ASCII only, non-ASCII as \uXXXX. */
function pythonJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const signature = (value: string, salt: string, secret: string) => b64encode(saltedHmac(`${salt}signer`, value, secret));

/** Django's `signing.dumps(obj, salt=salt, compress=True)` (a TimestampSigner). */
export function dumps(value: unknown, salt: string, options: { secret?: string; compress?: boolean; now?: number } = {}): string {
  let data = Buffer.from(pythonJson(value), "latin1");
  let compressed = false;
  if (options.compress) {
    const smaller = deflateSync(data);
    if (smaller.length < data.length - 1) {
      data = smaller;
      compressed = true;
    }
  }
  const payload = `${compressed ? "." : ""}${b64encode(data)}:${b62encode(Math.floor((options.now ?? Date.now()) / 1000))}`;
  return `${payload}:${signature(payload, salt, options.secret ?? secretKey())}`;
}

/** Django's `signing.loads`: the object, or null for a bad signature, an expired value or garbage. */
export function loads(signed: string, salt: string, options: { secret?: string; maxAge?: number; now?: number } = {}): unknown {
  const last = signed.lastIndexOf(":");
  if (last < 0) return null;
  const payload = signed.slice(0, last);
  if (!constantTimeEqual(signed.slice(last + 1), signature(payload, salt, options.secret ?? secretKey()))) return null;
  const colon = payload.lastIndexOf(":");
  if (colon < 0) return null;
  const timestamp = b62decode(payload.slice(colon + 1));
  if (options.maxAge !== undefined && ((options.now ?? Date.now()) / 1000 - timestamp > options.maxAge || Number.isNaN(timestamp))) return null;
  let body = payload.slice(0, colon);
  const compressed = body.startsWith(".");
  if (compressed) body = body.slice(1);
  try {
    let data = Buffer.from(body, "base64url");
    if (compressed) data = inflateSync(data);
    return JSON.parse(data.toString("latin1"));
  } catch {
    return null;
  }
}
