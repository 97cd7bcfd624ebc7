import { randomBytes } from "node:crypto";

let configured: string | null = null;
let generated: string | null = null;

/**
 * Django's `SECRET_KEY`, which signs sessions, their user hashes and JWTs. Set it with
 * `configureSecretKey()` or the `TOREST_SECRET_KEY` (or `SECRET_KEY`) environment variable; use
 * the Django project's key to share its sessions. Without one, a random key per process is
 * used: sessions and tokens then end with the process and are not shared between processes.
 */
export function secretKey(): string {
  if (configured !== null) return configured;
  const fromEnv = process.env.TOREST_SECRET_KEY || process.env.SECRET_KEY;
  if (fromEnv) return fromEnv;
  return (generated ??= randomBytes(32).toString("hex"));
}

export function configureSecretKey(key: string | null): void {
  if (key !== null && key.length === 0) throw new Error("The secret key must not be empty.");
  configured = key;
}
