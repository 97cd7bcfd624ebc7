import { pbkdf2 } from "node:crypto";
import { promisify } from "node:util";
import { constantTimeEqual, randomString, SALT_LENGTH, saltTooShort, type PasswordHasher } from "./hasher.js";

const pbkdf2Async = promisify(pbkdf2);

/** Django 5.2's `PBKDF2PasswordHasher.iterations`. */
export const PBKDF2_ITERATIONS = 1_000_000;

/**
 * Django's default hasher: `pbkdf2_sha256$<iterations>$<salt>$<base64 of 32 bytes>`. A hash
 * Django made verifies here and the reverse. Runs on libuv's thread pool, never on the event
 * loop.
 */
export class PBKDF2PasswordHasher implements PasswordHasher {
  readonly algorithm: string = "pbkdf2_sha256";
  readonly iterations: number;
  protected readonly digest: string = "sha256";

  constructor(options: { iterations?: number } = {}) {
    this.iterations = options.iterations ?? PBKDF2_ITERATIONS;
  }

  async encode(password: string, salt = randomString(SALT_LENGTH), iterations = this.iterations): Promise<string> {
    if (salt.includes("$")) throw new Error("A password salt may not contain '$'.");
    const hash = await pbkdf2Async(password, salt, iterations, this.keyLength(), this.digest);
    return `${this.algorithm}$${iterations}$${salt}$${hash.toString("base64")}`;
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const parts = this.decode(encoded);
    if (!parts) return false;
    const again = await this.encode(password, parts.salt, parts.iterations);
    return constantTimeEqual(encoded, again);
  }

  mustUpdate(encoded: string): boolean {
    const parts = this.decode(encoded);
    return !parts || parts.iterations !== this.iterations || saltTooShort(parts.salt);
  }

  /** Django's dklen: the digest size (32 bytes for SHA-256). */
  protected keyLength(): number {
    return 32;
  }

  private decode(encoded: string): { iterations: number; salt: string } | null {
    const [algorithm, iterations, salt, hash] = encoded.split("$", 4);
    if (algorithm !== this.algorithm || !salt || !hash || !/^[1-9]\d{0,9}$/.test(iterations ?? "")) return null;
    return { iterations: Number(iterations), salt };
  }
}

/** Django's `PBKDF2SHA1PasswordHasher` (`pbkdf2_sha1$...`), for databases that still hold such hashes. */
export class PBKDF2SHA1PasswordHasher extends PBKDF2PasswordHasher {
  override readonly algorithm = "pbkdf2_sha1";
  protected override readonly digest = "sha1";

  protected override keyLength(): number {
    return 20;
  }
}
