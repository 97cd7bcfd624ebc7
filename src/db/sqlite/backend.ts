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

  private runQuery(sql: string, params: readonly unknown[]): Row[] {
    try {
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

  async query(sql: string, params: readonly unknown[]): Promise<Row[]> {
    while (this.held) await this.held;
    return this.runQuery(sql, params);
  }

  async execute(sql: string, params: readonly unknown[]): Promise<ExecResult> {
    while (this.held) await this.held;
    return this.runExecute(sql, params);
  }

  async acquire(): Promise<HeldConnection> {
    while (this.held) await this.held;
    let unlock!: () => void;
    this.held = new Promise((resolve) => (unlock = resolve));
    return {
      query: async (sql, params) => this.runQuery(sql, params),
      execute: async (sql, params) => this.runExecute(sql, params),
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
