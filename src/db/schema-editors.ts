import type { DatabaseBackend, Executor } from "./backend.js";
import type { Introspection } from "./introspection.js";
import { mysqlIntrospection } from "./mysql/introspection.js";
import { MysqlSchemaEditor } from "./mysql/schema-editor.js";
import { postgresIntrospection } from "./postgres/introspection.js";
import { PostgresSchemaEditor } from "./postgres/schema-editor.js";
import type { BaseSchemaEditor } from "./schema-editor.js";
import { sqliteIntrospection } from "./sqlite/introspection.js";
import { SqliteSchemaEditor } from "./sqlite/schema-editor.js";

/** The schema editor of a backend (Django's `connection.schema_editor()`), running on `db`. */
export function schemaEditorFor(backend: DatabaseBackend, db: Executor, collectOnly = false): BaseSchemaEditor {
  if (backend.vendor === "postgres") return new PostgresSchemaEditor(db, collectOnly);
  if (backend.vendor === "mysql") return new MysqlSchemaEditor(db, collectOnly);
  return new SqliteSchemaEditor(db, collectOnly);
}

/** The introspection of a backend (Django's `connection.introspection`). */
export function introspectionFor(backend: DatabaseBackend): Introspection {
  if (backend.vendor === "postgres") return postgresIntrospection;
  if (backend.vendor === "mysql") return mysqlIntrospection;
  return sqliteIntrospection;
}
