import { DatabaseError } from "./errors.js";
import { isConnectionFailure as mysqlConnectionLost } from "./mysql/errors.js";
import { isConnectionFailure as postgresConnectionLost } from "./postgres/errors.js";

interface DriverError {
  code?: string;
  errno?: number;
}

// PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
const POSTGRES_CODES = new Set(["40001", "40P01", "55P03"]);
// MySQL/MariaDB: ER_LOCK_WAIT_TIMEOUT, ER_LOCK_DEADLOCK.
const MYSQL_ERRNOS = new Set([1205, 1213]);

/**
 * Did a transaction fail only because a concurrent one got in its way (deadlock, serialization
 * failure, lock timeout, SQLite busy)? Running it again from the start is the database's own
 * advice for these.
 */
export function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof DatabaseError)) return false;
  const cause = error.cause as DriverError | undefined;
  if (!cause || typeof cause !== "object") return false;
  if (cause.code !== undefined && (POSTGRES_CODES.has(cause.code) || cause.code.startsWith("SQLITE_BUSY"))) return true;
  return cause.errno !== undefined && MYSQL_ERRNOS.has(cause.errno);
}

/**
 * Did the connection die under this statement (server restart, session killed)? Inside a
 * transaction, before COMMIT was sent, that means nothing was committed: the server rolls the
 * session's transaction back when it ends.
 */
export function isConnectionLost(error: unknown): boolean {
  return error instanceof DatabaseError && (postgresConnectionLost(error) || mysqlConnectionLost(error)) && !isUnreachableCause(error);
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);

function isUnreachableCause(error: DatabaseError): boolean {
  return UNREACHABLE.has((error.cause as DriverError | undefined)?.code ?? "");
}
