import { randomString, type PasswordHasher } from "./hasher.js";
import { PBKDF2PasswordHasher, PBKDF2SHA1PasswordHasher } from "./pbkdf2.js";
import { ScryptPasswordHasher } from "./scrypt.js";

/** Django's `UNUSABLE_PASSWORD_PREFIX`: such a password never verifies. */
export const UNUSABLE_PASSWORD_PREFIX = "!";

let hashers: readonly PasswordHasher[] = [new PBKDF2PasswordHasher(), new PBKDF2SHA1PasswordHasher(), new ScryptPasswordHasher()];

/**
 * Django's `PASSWORD_HASHERS`: the first makes new hashes, the others only verify (and a hash
 * they verify is re-made with the first on login).
 *
 * ```ts
 * configureHashers([new ScryptPasswordHasher(), new PBKDF2PasswordHasher()]);
 * ```
 */
export function configureHashers(list: readonly PasswordHasher[]): void {
  if (list.length === 0) throw new Error("configureHashers needs at least one hasher.");
  hashers = [...list];
}

/** The hasher new passwords get. */
export const preferredHasher = (): PasswordHasher => hashers[0] as PasswordHasher;

/** The configured hasher that made `encoded`, or undefined. */
export function identifyHasher(encoded: string): PasswordHasher | undefined {
  const algorithm = encoded.slice(0, encoded.indexOf("$"));
  return hashers.find((h) => h.algorithm === algorithm);
}

/** Django's `is_password_usable`: not null and not starting with `!`. */
export const isPasswordUsable = (encoded: string | null | undefined): boolean =>
  encoded != null && !encoded.startsWith(UNUSABLE_PASSWORD_PREFIX);

/** Django's `make_password`: a hash of `password`, or an unusable one for null. */
export async function makePassword(password: string | null): Promise<string> {
  if (password === null) return UNUSABLE_PASSWORD_PREFIX + randomString(40);
  return preferredHasher().encode(password);
}

/**
 * Django's `check_password`. When it matches and the hash is outdated (another hasher, other
 * parameters), `setter(password)` is called to store a fresh hash. Unusable and unknown hashes
 * are false at once, as in Django (callers that look users up hash once for absent users, so
 * response times do not tell which usernames exist).
 */
export async function checkPassword(
  password: string | null,
  encoded: string | null | undefined,
  setter?: (password: string) => Promise<void>,
): Promise<boolean> {
  if (password === null || !isPasswordUsable(encoded)) return false;
  const hasher = identifyHasher(encoded as string);
  if (!hasher) return false;
  const preferred = preferredHasher();
  const correct = await hasher.verify(password, encoded as string);
  const stale = hasher.algorithm !== preferred.algorithm || preferred.mustUpdate(encoded as string);
  if (correct && stale && setter) await setter(password);
  return correct;
}
