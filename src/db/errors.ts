/**
 * Database errors, shared by every backend. Each backend's `errors.ts` maps its driver's
 * errors onto these, so nothing above the db layer ever sees a driver error.
 */
export class DatabaseError extends Error {
  override name = "DatabaseError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A constraint was violated: unique, foreign key, not-null or check. */
export class IntegrityError extends DatabaseError {
  override name = "IntegrityError";
  constructor(
    message: string,
    /** Which kind of constraint failed. */
    readonly constraintKind: "unique" | "foreignKey" | "notNull" | "check" | "unknown",
    /** The constraint or column named by the database, when it names one. */
    readonly constraint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The database could not run the statement (lost connection, locked database, bad SQL). */
export class OperationalError extends DatabaseError {
  override name = "OperationalError";
}

/** Raised by transaction helpers when used wrongly (e.g. a savepoint outside `atomic`). */
export class TransactionManagementError extends DatabaseError {
  override name = "TransactionManagementError";
}
