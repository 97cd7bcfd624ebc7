import type pg from "pg";
import { DatabaseBackend, type ExecResult, type HeldConnection, type Row } from "../backend.js";
import { loadDriver } from "../driver.js";
import type { DatabaseSettings } from "../url.js";
import { isConnectionFailure, isUnreachable, mapPostgresError } from "./errors.js";
import { postgresFeatures } from "./features.js";
import { postgresOperations } from "./operations.js";
import { postgresSchema } from "./schema.js";

/** Errors a pooled client reported while nobody was listening (see the "connect" listener). */
const clientErrors = new WeakMap<pg.PoolClient | pg.Client, Error>();
const text = (value: string) => value;
const int8 = (value: string) => {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
};

/**
 * How column values are parsed, per pool (the driver's global table is left alone):
 * bigints (keys, COUNT) become numbers when exact; timestamps, dates and JSON stay text and
 * are converted by operations.ts, which keeps microseconds and JSON string scalars.
 */
const PARSERS: Record<number, (value: string) => unknown> = {
  20: int8, // int8
  1082: text, // date
  1114: text, // timestamp
  1184: text, // timestamptz
  114: text, // json
  3802: text, // jsonb
};

const typeParsers = (types: typeof pg.types): pg.CustomTypesConfig => ({
  getTypeParser: ((oid: number, format?: string) =>
    PARSERS[oid] ?? (types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
});

/**
 * PostgreSQL through a `pg` pool. Autocommit statements take any pooled connection; `atomic`
 * holds one. Sessions run in UTC so that date parts and `::date` use UTC, as Django does.
 * A connection the server dropped is discarded and the pool opens a new one on the next query.
 */
export class PostgresBackend extends DatabaseBackend {
  readonly vendor = "postgres";
  readonly features = postgresFeatures;
  readonly ops = postgresOperations;
  readonly schema = postgresSchema;
  private readonly pool: pg.Pool;

  constructor(alias: string, settings: DatabaseSettings) {
    super(alias);
    // `pg` is an optional peer dependency, loaded with the first PostgreSQL database.
    const { Pool, types } = loadDriver<typeof pg>("pg", "postgres");
    this.pool = new Pool({
      host: settings.host,
      port: settings.port,
      user: settings.user,
      password: settings.password || undefined,
      database: settings.database,
      max: settings.poolSize ?? 10,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
      options: "-c TimeZone=UTC",
      types: typeParsers(types),
      application_name: "torest",
      ...(settings.ssl ? { ssl: settings.ssl === "verify" ? true : { rejectUnauthorized: false } } : {}),
      // A script that forgets closeDatabases() still exits once its work is done.
      allowExitOnIdle: true,
    });
    // Idle connections the server closes report here; the pool has already dropped them.
    this.pool.on("error", () => undefined);
    // A listener from the moment a client exists: pg-pool removes its idle listener when it
    // hands a client out, and a server that ends the session in that instant (an
    // ErrorResponse parsed in the same chunk as the last ReadyForQuery, pg_terminate_backend
    // under load) would otherwise raise an unhandled 'error' event and end the process.
    // The error is remembered so that whoever holds the client sees it as broken.
    this.pool.on("connect", (client) => {
      client.on("error", (error: Error) => clientErrors.set(client, error));
    });
  }

  async query(sql: string, params: readonly unknown[]): Promise<Row[]> {
    this.assertOpen();
    // A read in autocommit changes nothing, so one that met a connection the server had
    // just ended (pg_terminate_backend, a restart) runs again on a fresh connection.
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.pool.query({ text: sql, values: params as unknown[], rowMode: "array" });
        return result.rows as Row[];
      } catch (error) {
        if (attempt < 3 && isConnectionFailure(error) && !isUnreachable(error)) continue;
        throw mapPostgresError(error);
      }
    }
  }

  async execute(sql: string, params: readonly unknown[]): Promise<ExecResult> {
    this.assertOpen();
    try {
      return toExecResult(await this.pool.query({ text: sql, values: params as unknown[], rowMode: "array" }));
    } catch (error) {
      throw mapPostgresError(error);
    }
  }

  async acquire(): Promise<HeldConnection> {
    this.assertOpen();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw mapPostgresError(error);
    }
    // A held connection has no listener of the pool's: without this, a server that drops it
    // between two statements would crash the process with an unhandled 'error' event.
    let broken: Error | null = null;
    const onError = (error: Error) => (broken = error);
    client.on("error", onError);
    const run = async (sql: string, params: readonly unknown[]) => {
      broken ??= clientErrors.get(client) ?? null;
      if (broken) throw mapPostgresError(broken);
      try {
        return await client.query({ text: sql, values: params as unknown[], rowMode: "array" });
      } catch (error) {
        const mapped = mapPostgresError(error);
        if (isConnectionFailure(error)) broken = mapped;
        throw mapped;
      }
    };
    let released = false;
    return {
      query: async (sql, params) => (await run(sql, params)).rows as Row[],
      execute: async (sql, params) => toExecResult(await run(sql, params)),
      release: () => {
        if (released) return;
        released = true;
        client.removeListener("error", onError);
        // A broken connection is destroyed instead of going back to the pool.
        client.release(broken ?? clientErrors.get(client) ?? undefined);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  openConnections(): number {
    return this.pool.totalCount;
  }

  busyConnections(): number {
    return this.pool.totalCount - this.pool.idleCount;
  }
}

function toExecResult(result: pg.QueryArrayResult): ExecResult {
  const rows = result.command === "INSERT" || result.command === "UPDATE" || result.command === "DELETE"
    ? (result.fields.length ? (result.rows as Row[]) : undefined)
    : (result.rows as Row[]);
  return { rowCount: result.rowCount ?? 0, ...(rows ? { rows } : {}) };
}
