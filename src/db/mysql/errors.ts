import { DatabaseError, IntegrityError, OperationalError } from "../errors.js";

interface MysqlError extends Error {
  code?: string;
  errno?: number;
  sqlMessage?: string;
  fatal?: boolean;
}

const quoted = (message: string, pattern: RegExp) => pattern.exec(message)?.[1];

// Server errors meaning the session is gone (killed, server shutting down), and the client's
// errors for a connection that dropped or could not be made.
const CONNECTION_ERRNOS = new Set([1053, 1927, 2006, 2013, 4031]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
const LOST_CODES = new Set([
  "PROTOCOL_CONNECTION_LOST", "ECONNRESET", "EPIPE", "PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR", "ER_SERVER_SHUTDOWN", "ER_CONNECTION_KILLED",
]);

/** Did this error (driver error, or torest's error caused by one) end the connection? */
export function isConnectionFailure(error: unknown): boolean {
  const e = (error instanceof DatabaseError ? error.cause : error) as MysqlError | undefined;
  if (!(e instanceof Error)) return false;
  return Boolean(e.fatal) || UNREACHABLE_CODES.has(e.code ?? "") || LOST_CODES.has(e.code ?? "") || CONNECTION_ERRNOS.has(e.errno ?? 0);
}

/** Is the server not answering at all (no point in trying again at once)? */
export function isUnreachable(error: unknown): boolean {
  const e = (error instanceof DatabaseError ? error.cause : error) as MysqlError | undefined;
  return e instanceof Error && UNREACHABLE_CODES.has(e.code ?? "");
}

/** Map a `mysql2` error onto torest's database errors. */
export function mapMysqlError(error: unknown): Error {
  if (!(error instanceof Error) || error instanceof DatabaseError) return error as Error;
  const e = error as MysqlError;
  const message = e.sqlMessage ?? e.message;
  switch (e.errno) {
    case 1062: // Duplicate entry 'x' for key 'name' (MySQL 8: 'table.name')
      return new IntegrityError(message, "unique", quoted(message, /for key '([^']+)'/), { cause: error });
    case 1451: // Cannot delete or update a parent row: a foreign key constraint fails (... CONSTRAINT `name` ...)
    case 1452: // Cannot add or update a child row: ...
      return new IntegrityError(message, "foreignKey", quoted(message, /CONSTRAINT `([^`]+)`/), { cause: error });
    case 1048: // Column 'x' cannot be null
    case 1364: // Field 'x' doesn't have a default value
      return new IntegrityError(message, "notNull", quoted(message, /(?:Column|Field) '([^']+)'/), { cause: error });
    case 3819: // MySQL: Check constraint 'name' is violated.
    case 4025: // MariaDB: CONSTRAINT `name` failed for `db`.`table`
      return new IntegrityError(message, "check", quoted(message, /constraint ['`]([^'`]+)['`]/i), { cause: error });
  }
  if (UNREACHABLE_CODES.has(e.code ?? "")) {
    return new OperationalError(`Could not connect to the MySQL server (${e.code}${message ? `: ${message}` : ""}). Is it running, and is the database URL right?`, { cause: error });
  }
  if (isConnectionFailure(error)) return new OperationalError(`Lost the connection to MySQL: ${message}`, { cause: error });
  if (e.errno !== undefined || e.code?.startsWith("ER_")) return new OperationalError(message, { cause: error });
  return error;
}
