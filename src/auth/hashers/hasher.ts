import { timingSafeEqual } from "node:crypto";

/**
 * One password hashing algorithm (Django's `BasePasswordHasher`). Encoded passwords start with
 * the algorithm name and a `$`, so the hasher that made a hash can be found from the hash.
 */
export interface PasswordHasher {
  /** The prefix of the hashes it makes: `pbkdf2_sha256`, `scrypt`. */
  readonly algorithm: string;
  /** A hash of `password` with a fresh salt and the current parameters. */
  encode(password: string, salt?: string): Promise<string>;
  /** Does `password` match `encoded`? Constant-time; malformed hashes are false, never thrown. */
  verify(password: string, encoded: string): Promise<boolean>;
  /** Was `encoded` made with other parameters than the current ones (Django's `must_update`)? */
  mustUpdate(encoded: string): boolean;
}

/** Django's `constant_time_compare`: equal strings, without leaking where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  // Compare against itself when lengths differ, so the time taken does not depend on the length.
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

const SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/**
 * Django's `get_random_string`: `length` characters of a-z, A-Z, 0-9 from a CSPRNG (rejection
 * sampling keeps every character equally likely).
 */
export function randomString(length: number, chars = SALT_CHARS): string {
  let out = "";
  for (let i = 0; i < length; i++) out += chars[cryptoRandomInt(chars.length)];
  return out;
}

function cryptoRandomInt(max: number): number {
  const limit = Math.floor(256 / max) * max;
  const byte = new Uint8Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(byte);
    if ((byte[0] as number) < limit) return (byte[0] as number) % max;
  }
}

/** Django's salt: 22 characters of 62, i.e. at least 128 bits of entropy. */
export const SALT_LENGTH = 22;

/** Django's `must_update` salt check: a salt under 128 bits of entropy is replaced on login. */
export const saltTooShort = (salt: string): boolean => salt.length * Math.log2(62) < 128;
