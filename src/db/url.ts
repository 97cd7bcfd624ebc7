import { ImproperlyConfigured } from "./config-error.js";

/** A parsed database URL. */
export interface DatabaseSettings {
  vendor: "sqlite" | "postgres" | "mysql";
  /** SQLite file path or `:memory:`. */
  filename?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** Largest pool size for client/server databases. */
  poolSize?: number;
  /**
   * TLS to the server, from `?sslmode=` (libpq's names) or `?ssl=true`: `require` encrypts
   * without checking the certificate, `verify` also checks it against the trusted CAs.
   */
  ssl?: "require" | "verify";
}

/**
 * Parse `sqlite:///path/db.sqlite3`, `sqlite::memory:`, `postgres://user@host:5432/db`,
 * `mysql://root@127.0.0.1:3306/db` (also `postgresql://`, `mariadb://`).
 */
export function parseDatabaseUrl(url: string): DatabaseSettings {
  if (url === "sqlite::memory:" || url === "sqlite://:memory:") return { vendor: "sqlite", filename: ":memory:" };
  if (url.startsWith("sqlite:")) {
    const rest = url.slice("sqlite:".length).replace(/^\/\//, "");
    // sqlite:///relative.db keeps one slash off; sqlite:////abs/path.db is absolute.
    const filename = rest.startsWith("/") ? rest.slice(1) : rest;
    return { vendor: "sqlite", filename: filename || ":memory:" };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ImproperlyConfigured(`Invalid database URL '${url}'. Expected e.g. postgres://user@host:5432/db.`);
  }
  const scheme = parsed.protocol.replace(/:$/, "");
  const vendor = scheme === "postgres" || scheme === "postgresql" ? "postgres"
    : scheme === "mysql" || scheme === "mariadb" ? "mysql" : null;
  if (!vendor) {
    throw new ImproperlyConfigured(`Unsupported database URL scheme '${scheme}'. Use sqlite, postgres or mysql.`);
  }
  const poolSize = parsed.searchParams.get("pool");
  const ssl = sslOf(parsed.searchParams);
  return {
    vendor,
    host: parsed.hostname || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : vendor === "postgres" ? 5432 : 3306,
    user: decodeURIComponent(parsed.username) || (vendor === "postgres" ? "postgres" : "root"),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "test",
    ...(poolSize ? { poolSize: Number(poolSize) } : {}),
    ...(ssl ? { ssl } : {}),
  };
}

/** `sslmode=disable|prefer|require|verify-ca|verify-full` or `ssl=true|false`. */
function sslOf(params: URLSearchParams): DatabaseSettings["ssl"] {
  const mode = params.get("sslmode") ?? (params.has("ssl") ? (/^(1|true|require)$/i.test(params.get("ssl")!) ? "require" : "disable") : null);
  if (mode === null || mode === "disable" || mode === "allow" || mode === "prefer") return undefined;
  if (mode === "require") return "require";
  if (mode === "verify-ca" || mode === "verify-full") return "verify";
  throw new ImproperlyConfigured(`Unknown sslmode '${mode}'. Use disable, require, verify-ca or verify-full.`);
}
