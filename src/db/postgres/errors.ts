import { DatabaseError, IntegrityError, OperationalError } from "../errors.js";

interface PgError extends Error {
  code?: string;
  constraint?: string;
  column?: string;
  table?: string;
  detail?: string;
}

// SQLSTATE classes: 08 connection exception, 57P0x the server shut the session down,
// 53 insufficient resources; and the socket errors of a server that went away.
const CONNECTION_CODES = /^(08|57P0|53)/;
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
const LOST_CODES = new Set(["ECONNRESET", "EPIPE"]);
const LOST_MESSAGE = /Connection terminated|connection timeout|Client has encountered a connection error/i;

/** Did this error (driver error, or torest's error caused by one) end the connection? */
export function isConnectionFailure(error: unknown): boolean {
  const e = (error instanceof DatabaseError ? error.cause : error) as PgError | undefined;
  if (!(e instanceof Error)) return false;
  const code = e.code ?? "";
  return CONNECTION_CODES.test(code) || UNREACHABLE_CODES.has(code) || LOST_CODES.has(code) || LOST_MESSAGE.test(e.message);
}

/** Is the server not answering at all (no point in trying again at once)? */
export function isUnreachable(error: unknown): boolean {
  const e = (error instanceof DatabaseError ? error.cause : error) as PgError | undefined;
  return e instanceof Error && (UNREACHABLE_CODES.has(e.code ?? "") || /timeout exceeded when trying to connect/i.test(e.message));
}

/** Map a `pg` error onto torest's database errors. */
export function mapPostgresError(error: unknown): Error {
  if (!(error instanceof Error) || error instanceof DatabaseError) return error as Error;
  const e = error as PgError;
  const code = e.code ?? "";
  const message = e.detail ? `${e.message}\nDETAIL:  ${e.detail}` : e.message;
  switch (code) {
    case "23505": return new IntegrityError(message, "unique", e.constraint, { cause: error });
    case "23503": return new IntegrityError(message, "foreignKey", e.constraint, { cause: error });
    case "23502": return new IntegrityError(message, "notNull", e.table && e.column ? `${e.table}.${e.column}` : e.column, { cause: error });
    case "23514": return new IntegrityError(message, "check", e.constraint, { cause: error });
  }
  if (code.startsWith("23")) return new IntegrityError(message, "unknown", e.constraint, { cause: error });
  if (UNREACHABLE_CODES.has(code)) {
    return new OperationalError(`Could not connect to the PostgreSQL server (${code}${e.message ? `: ${e.message}` : ""}). Is it running, and is the database URL right?`, { cause: error });
  }
  if (/timeout exceeded when trying to connect/i.test(e.message)) {
    return new OperationalError("Timed out waiting for a PostgreSQL connection: every pooled connection stayed busy, or the server did not answer. Raise ?pool= or shorten transactions.", { cause: error });
  }
  if (isConnectionFailure(error)) return new OperationalError(`Lost the connection to PostgreSQL: ${e.message}`, { cause: error });
  // Any other server error (bad SQL, wrong types, locks) is operational; program bugs pass through.
  if (/^[0-9A-Z]{5}$/.test(code)) return new OperationalError(message, { cause: error });
  return error;
}
