import path from "node:path";
import Database from "better-sqlite3";
import { DatabaseBackend, type ExecResult, type HeldConnection, type Row } from "../backend.js";
import { ImproperlyConfigured } from "../config-error.js";
import { mapSqliteError } from "./errors.js";
import { sqliteFeatures } from "./features.js";
import { sqliteOperations } from "./operations.js";
import { sqliteSchema } from "./schema.js";

type Statement = Database.Statement<unknown[]>;

/**
 * The embedded default. better-sqlite3 is synchronous and has one connection, so a transaction
 * holds a lock: work from other async contexts waits until it commits instead of slipping into it.
 */
export class SqliteBackend extends DatabaseBackend {
  readonly vendor = "sqlite";
  readonly features = sqliteFeatures;
  readonly ops = sqliteOperations;
  readonly schema = sqliteSchema;
  private readonly db: Database.Database;
  /** Prepared statements by SQL text: queries of the same shape are prepared once. */
  private readonly statements = new Map<string, Statement>();
  private held: Promise<void> | null = null;

  constructor(alias: string, readonly filename: string) {
    super(alias);
    this.db = openFile(filename);
    this.db.pragma("foreign_keys = ON");
    if (filename !== ":memory:") this.db.pragma("journal_mode = WAL");
    this.db.function("torest_regexp", { deterministic: true }, (pattern, value) => regexpMatch(pattern, value, ""));
    this.db.function("torest_iregexp", { deterministic: true }, (pattern, value) => regexpMatch(pattern, value, "i"));
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      try {
        statement = this.db.prepare(sql);
      } catch (error) {
        throw mapSqliteError(error);
      }
      if (statement.reader) statement.raw(true);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private runQuery(sql: string, params: readonly unknown[], firstRowOnly = false): Row[] {
    try {
      if (firstRowOnly) {
        // `.get()` steps once: cheaper than `.all()` where at most one row can match.
        const row = this.prepare(sql).get(...params) as Row | undefined;
        return row ? [row] : [];
      }
      return this.prepare(sql).all(...params) as Row[];
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  private runExecute(sql: string, params: readonly unknown[]): ExecResult {
    const statement = this.prepare(sql);
    try {
      if (statement.reader) {
        const rows = statement.all(...params) as Row[];
        return { rowCount: rows.length, rows };
      }
      const info = statement.run(...params);
      return { rowCount: info.changes, insertId: Number(info.lastInsertRowid) };
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  // better-sqlite3 is synchronous: with no transaction holding the connection, a statement runs
  // at once and its result is handed back settled (no async frames, no waiting on the lock).
  query(sql: string, params: readonly unknown[]): Promise<Row[]> {
    return this.held ? this.afterRelease(() => this.runQuery(sql, params)) : settled(() => this.runQuery(sql, params));
  }

  execute(sql: string, params: readonly unknown[]): Promise<ExecResult> {
    return this.held ? this.afterRelease(() => this.runExecute(sql, params)) : settled(() => this.runExecute(sql, params));
  }

  override querySync(sql: string, params: readonly unknown[], firstRowOnly?: boolean): Row[] | undefined {
    return this.held ? undefined : this.runQuery(sql, params, firstRowOnly);
  }

  override executeSync(sql: string, params: readonly unknown[]): ExecResult | undefined {
    return this.held ? undefined : this.runExecute(sql, params);
  }

  private async afterRelease<X>(run: () => X): Promise<X> {
    while (this.held) await this.held;
    return run();
  }

  async acquire(): Promise<HeldConnection> {
    while (this.held) await this.held;
    let unlock!: () => void;
    this.held = new Promise((resolve) => (unlock = resolve));
    return {
      query: (sql, params) => settled(() => this.runQuery(sql, params)),
      execute: (sql, params) => settled(() => this.runExecute(sql, params)),
      querySync: (sql, params, firstRowOnly) => this.runQuery(sql, params, firstRowOnly),
      executeSync: (sql, params) => this.runExecute(sql, params),
      release: () => {
        this.held = null;
        unlock();
      },
    };
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }

  openConnections(): number {
    return this.db.open ? 1 : 0;
  }

  busyConnections(): number {
    return this.held ? 1 : 0;
  }
}

/** The result of a synchronous call as a promise; a throw becomes a rejection, as in an async function. */
function settled<X>(run: () => X): Promise<X> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error);
  }
}

const regexCache = new Map<string, RegExp>();

function regexpMatch(pattern: unknown, value: unknown, flags: string): number | null {
  if (pattern === null || value === null) return null;
  const key = flags + String(pattern);
  let re = regexCache.get(key);
  if (!re) {
    re = new RegExp(String(pattern), flags);
    regexCache.set(key, re);
  }
  return re.test(String(value)) ? 1 : 0;
}

/** Opens the file, naming the path when it cannot be (better-sqlite3 only says "directory does not exist"). */
function openFile(filename: string): Database.Database {
  try {
    return new Database(filename);
  } catch (error) {
    const full = path.resolve(filename);
    throw new ImproperlyConfigured(
      `Cannot open the SQLite database ${full} (from the database URL sqlite:///${filename}): ${(error as Error).message}.` +
        ` Check that the folder ${path.dirname(full)} exists and is writable; sqlite:///relative/path is relative to the working directory, sqlite:////absolute/path is absolute.`,
      { cause: error },
    );
  }
}
