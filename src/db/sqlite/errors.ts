import { DatabaseError, IntegrityError, OperationalError } from "../errors.js";

/** Map a better-sqlite3 error onto torest's database errors. */
export function mapSqliteError(error: unknown): Error {
  if (!(error instanceof Error) || error instanceof DatabaseError) return error as Error;
  const code = (error as { code?: string }).code ?? "";
  const message = error.message;
  if (code.startsWith("SQLITE_CONSTRAINT")) {
    // Messages look like "UNIQUE constraint failed: table.column" / "FOREIGN KEY constraint failed".
    const named = /failed: (.+)$/.exec(message)?.[1];
    const kind = code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" ? "unique"
      : code === "SQLITE_CONSTRAINT_FOREIGNKEY" ? "foreignKey"
      : code === "SQLITE_CONSTRAINT_NOTNULL" ? "notNull"
      : code === "SQLITE_CONSTRAINT_CHECK" ? "check" : "unknown";
    return new IntegrityError(message, kind, named, { cause: error });
  }
  if (code.startsWith("SQLITE_")) return new OperationalError(message, { cause: error });
  return error;
}
