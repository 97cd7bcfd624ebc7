import { scrypt, type ScryptOptions } from "node:crypto";
import { constantTimeEqual, randomString, SALT_LENGTH, saltTooShort, type PasswordHasher } from "./hasher.js";

const scryptAsync = (password: string, salt: string, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/**
 * Django's `ScryptPasswordHasher`: `scrypt$<n>$<salt>$<r>$<p>$<base64 of 64 bytes>` with
 * n = 2^14, r = 8, p = 5 by default, on node:crypto's asynchronous scrypt.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  readonly algorithm = "scrypt";
  readonly workFactor: number;
  readonly blockSize: number;
  readonly parallelism: number;

  constructor(options: { workFactor?: number; blockSize?: number; parallelism?: number } = {}) {
    this.workFactor = options.workFactor ?? 2 ** 14;
    this.blockSize = options.blockSize ?? 8;
    this.parallelism = options.parallelism ?? 5;
  }

  async encode(password: string, salt = randomString(SALT_LENGTH), n = this.workFactor, r = this.blockSize, p = this.parallelism): Promise<string> {
    if (salt.includes("$")) throw new Error("A password salt may not contain '$'.");
    // scrypt needs 128 * n * r bytes; allow twice that so valid parameters never hit Node's cap.
    const hash = await scryptAsync(password, salt, 64, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
    return `${this.algorithm}$${n}$${salt}$${r}$${p}$${hash.toString("base64")}`;
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const parts = this.decode(encoded);
    if (!parts) return false;
    try {
      return constantTimeEqual(encoded, await this.encode(password, parts.salt, parts.n, parts.r, parts.p));
    } catch {
      // Parameters scrypt refuses (n not a power of two, too much memory): not a match.
      return false;
    }
  }

  mustUpdate(encoded: string): boolean {
    const parts = this.decode(encoded);
    return !parts || parts.n !== this.workFactor || parts.r !== this.blockSize || parts.p !== this.parallelism || saltTooShort(parts.salt);
  }

  private decode(encoded: string): { n: number; salt: string; r: number; p: number } | null {
    const [algorithm, n, salt, r, p, hash] = encoded.split("$");
    const small = /^[1-9]\d{0,7}$/;
    if (algorithm !== this.algorithm || !salt || !hash || ![n, r, p].every((v) => small.test(v ?? ""))) return null;
    return { n: Number(n), salt, r: Number(r), p: Number(p) };
  }
}
