import type { DatabaseBackend } from "./backend.js";
import { ImproperlyConfigured } from "./config-error.js";
import { parseDatabaseUrl, type DatabaseSettings } from "./url.js";
import { SqliteBackend } from "./sqlite/backend.js";

/** Creates a backend for a vendor; client/server backends register themselves here. */
export type BackendFactory = (alias: string, settings: DatabaseSettings) => DatabaseBackend;

const factories = new Map<string, BackendFactory>([
  ["sqlite", (alias, settings) => new SqliteBackend(alias, settings.filename ?? "db.sqlite3")],
]);

/** Make a vendor available (done by `db/<vendor>/register.ts`). */
export function registerBackendFactory(vendor: string, factory: BackendFactory): void {
  factories.set(vendor, factory);
}

const configured = new Map<string, DatabaseSettings>();
const open = new Map<string, DatabaseBackend>();

/**
 * Configure databases by alias (Django's `DATABASES`). Values are URLs or settings objects.
 * Without configuration, `default` is `DATABASE_URL` or the file `db.sqlite3` in the working directory.
 *
 * ```ts
 * configureDatabases({ default: "postgres://postgres@127.0.0.1:5432/app", replica: "postgres://..." });
 * ```
 */
export function configureDatabases(databases: Record<string, string | DatabaseSettings>): void {
  for (const [alias, value] of Object.entries(databases)) {
    if (open.has(alias)) {
      throw new ImproperlyConfigured(`Database '${alias}' is already open; call closeDatabases() before reconfiguring it.`);
    }
    configured.set(alias, typeof value === "string" ? parseDatabaseUrl(value) : value);
  }
}

function settingsFor(alias: string): DatabaseSettings {
  const settings = configured.get(alias);
  if (settings) return settings;
  if (alias === "default") return parseDatabaseUrl(process.env.DATABASE_URL ?? "sqlite:///db.sqlite3");
  throw new ImproperlyConfigured(
    `The database '${alias}' is not configured. Configured: ${[...configured.keys()].join(", ") || "(none)"}.`,
  );
}

/** The open backend for an alias, opening it on first use. */
export function getBackend(alias = "default"): DatabaseBackend {
  let backend = open.get(alias);
  if (backend) return backend;
  const settings = settingsFor(alias);
  const factory = factories.get(settings.vendor);
  if (!factory) {
    throw new ImproperlyConfigured(
      `No backend for '${settings.vendor}' is loaded. Import "torest" (which registers all bundled backends).`,
    );
  }
  backend = factory(alias, settings);
  open.set(alias, backend);
  return backend;
}

/** Close every open database (or just one); pending pools are drained. */
export async function closeDatabases(alias?: string): Promise<void> {
  const aliases = alias ? [alias] : [...open.keys()];
  for (const name of aliases) {
    const backend = open.get(name);
    open.delete(name);
    await backend?.close();
  }
}
