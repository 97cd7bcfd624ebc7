import type mysql from "mysql2/promise";
import { DatabaseBackend, type ExecResult, type HeldConnection, type Row } from "../backend.js";
import { loadDriver } from "../driver.js";
import type { DatabaseSettings } from "../url.js";
import { isConnectionFailure, isUnreachable, mapMysqlError } from "./errors.js";
import { mysqlFeatures } from "./features.js";
import { mysqlOperations } from "./operations.js";
import { mysqlSchema } from "./schema.js";

type Result = mysql.ResultSetHeader | Row[];

/** The counts of the driver's pool (not part of its typed API). */
interface PoolInternals {
  _allConnections: { length: number };
  _freeConnections: { length: number };
}

/**
 * MySQL and MariaDB through a `mysql2` pool. Every session runs with time_zone '+00:00' and the
 * driver returns dates, decimals and JSON as text, which operations.ts converts: datetimes keep
 * their microseconds and are UTC whatever the server's zone. A connection the server drops is
 * removed from the pool by the driver; the next query opens a new one.
 */
export class MysqlBackend extends DatabaseBackend {
  readonly vendor = "mysql";
  readonly features = mysqlFeatures;
  readonly ops = mysqlOperations;
  readonly schema = mysqlSchema;
  private readonly pool: mysql.Pool;

  constructor(alias: string, settings: DatabaseSettings) {
    super(alias);
    // `mysql2` is an optional peer dependency, loaded with the first MySQL/MariaDB database.
    this.pool = loadDriver<typeof mysql>("mysql2/promise", "mysql").createPool({
      host: settings.host,
      port: settings.port,
      user: settings.user,
      password: settings.password || undefined,
      database: settings.database,
      connectionLimit: settings.poolSize ?? 10,
      maxIdle: settings.poolSize ?? 10,
      idleTimeout: 30_000,
      connectTimeout: 10_000,
      charset: "UTF8MB4_BIN",
      ...(settings.ssl ? { ssl: { rejectUnauthorized: settings.ssl === "verify" } } : {}),
      timezone: "Z",
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      decimalNumbers: false,
      // The driver would parse JSON itself (and a stored JSON string would come back bare);
      // text keeps operations.fromDb the only parser.
      jsonStrings: true,
    });
    // Runs before the connection is handed out: commands on one connection are queued in order.
    // A connection that cannot be set up is dropped: the statement waiting for it fails clearly
    // instead of running with the server's time zone.
    // READ COMMITTED is Django's default on MySQL too (InnoDB's own is REPEATABLE READ): a
    // transaction sees rows other transactions committed, as on PostgreSQL.
    this.pool.pool.on("connection", (connection) => {
      const fail = (error: unknown) => {
        if (error) connection.destroy();
      };
      connection.query("SET SESSION time_zone = '+00:00', SESSION sql_mode = CONCAT_WS(',', @@sql_mode, 'STRICT_TRANS_TABLES')", fail);
      connection.query("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", fail);
      connection.query("SELECT VERSION() AS version", (error: unknown, rows: unknown) => {
        const version = (rows as { version?: unknown }[] | undefined)?.[0]?.version;
        if (!error && this.returningSupport === null && typeof version === "string") this.learnVersion(version);
      });
    });
    // As pg's allowExitOnIdle: an idle pooled socket does not keep Node running, so a script
    // that forgets closeDatabases() still exits; a connection in use holds the process.
    this.pool.pool.on("acquire", (connection) => socketOf(connection)?.ref());
    this.pool.pool.on("release", (connection) => socketOf(connection)?.unref());
  }

  private async run(executor: mysql.Pool | mysql.PoolConnection, sql: string, params: readonly unknown[]): Promise<Result> {
    try {
      const [result] = await executor.query({ sql, values: params as unknown[], rowsAsArray: true });
      return result as Result;
    } catch (error) {
      throw mapMysqlError(error);
    }
  }

  /**
   * MariaDB 10.5+ has INSERT ... RETURNING; MySQL has none. Learnt from the first connection
   * (so no extra statement runs inside a transaction that holds the pool's only connection).
   */
  private returningSupport: boolean | null = null;

  override async bulkInsertReturning(columns: string[]): Promise<string | null> {
    if (this.returningSupport === null) this.learnVersion(String((await this.query("SELECT VERSION()", []))[0]?.[0] ?? ""));
    return this.returningSupport ? ` RETURNING ${columns.join(", ")}` : null;
  }

  private learnVersion(version: string): void {
    const match = /^(\d+)\.(\d+).*mariadb/i.exec(version);
    this.returningSupport = match !== null && (Number(match[1]) > 10 || (Number(match[1]) === 10 && Number(match[2]) >= 5));
  }

  async query(sql: string, params: readonly unknown[]): Promise<Row[]> {
    this.assertOpen();
    // A read in autocommit changes nothing, so one that met a connection the server had
    // just killed runs again on a fresh connection.
    for (let attempt = 1; ; attempt++) {
      try {
        return toRows(await this.run(this.pool, sql, params));
      } catch (error) {
        if (attempt >= 3 || !isConnectionFailure(error) || isUnreachable(error)) throw error;
      }
    }
  }

  async execute(sql: string, params: readonly unknown[]): Promise<ExecResult> {
    this.assertOpen();
    return toExecResult(await this.run(this.pool, sql, params));
  }

  async acquire(): Promise<HeldConnection> {
    this.assertOpen();
    let connection: mysql.PoolConnection;
    try {
      connection = await this.pool.getConnection();
    } catch (error) {
      throw mapMysqlError(error);
    }
    let broken = false;
    const run = async (sql: string, params: readonly unknown[]) => {
      try {
        return await this.run(connection, sql, params);
      } catch (error) {
        if (isConnectionFailure(error)) broken = true;
        throw error;
      }
    };
    let released = false;
    return {
      query: async (sql, params) => toRows(await run(sql, params)),
      execute: async (sql, params) => toExecResult(await run(sql, params)),
      release: () => {
        if (released) return;
        released = true;
        if (broken) connection.destroy();
        else connection.release();
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private get internals(): PoolInternals {
    return this.pool.pool as unknown as PoolInternals;
  }

  openConnections(): number {
    return this.closed ? 0 : this.internals._allConnections.length;
  }

  busyConnections(): number {
    return this.closed ? 0 : this.internals._allConnections.length - this.internals._freeConnections.length;
  }
}

/** The socket under a driver connection (not part of its typed API). */
function socketOf(connection: object): { ref(): void; unref(): void } | undefined {
  const stream = (connection as { stream?: { ref?: () => void; unref?: () => void } }).stream;
  return stream?.ref && stream.unref ? (stream as { ref(): void; unref(): void }) : undefined;
}

function toRows(result: Result): Row[] {
  return Array.isArray(result) ? result : [];
}

function toExecResult(result: Result): ExecResult {
  if (Array.isArray(result)) return { rowCount: result.length, rows: result };
  return { rowCount: result.affectedRows, ...(result.insertId ? { insertId: result.insertId } : {}) };
}
