import { TEST_DB } from "./db.js";

/**
 * How to end a server session from another one, for the lost-connection tests: SQL naming the
 * current session and SQL killing a session by id. Null for SQLite, which is embedded and has
 * no connection to lose.
 */
export const sessionControl: { currentId: string; kill: (id: unknown) => string } | null = {
  sqlite: null,
  postgres: { currentId: "SELECT pg_backend_pid()", kill: (id: unknown) => `SELECT pg_terminate_backend(${Number(id)})` },
  mysql: { currentId: "SELECT CONNECTION_ID()", kill: (id: unknown) => `KILL ${Number(id)}` },
}[TEST_DB];
