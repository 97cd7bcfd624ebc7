import { registerBackendFactory } from "./connection.js";
import { MysqlBackend } from "./mysql/backend.js";
import { PostgresBackend } from "./postgres/backend.js";

/**
 * The client/server backends bundled with torest, made available to `configureDatabases` and
 * `DATABASE_URL` (`postgres://…`, `mysql://…`). Imported for its effect by `src/index.ts`.
 */
registerBackendFactory("postgres", (alias, settings) => new PostgresBackend(alias, settings));
registerBackendFactory("mysql", (alias, settings) => new MysqlBackend(alias, settings));
