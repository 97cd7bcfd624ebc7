import { OperationalError } from "./errors.js";
import type { Features } from "./features.js";
import type { Operations } from "./operations.js";
import type { SchemaEditor } from "./schema.js";

/** Rows come back as arrays in select-list order: cheaper than objects, and the same for every driver. */
export type Row = unknown[];

export interface ExecResult {
  /** Rows changed by INSERT/UPDATE/DELETE. */
  rowCount: number;
  /** Generated key of the last inserted row, when the driver reports one. */
  insertId?: number;
  /** Rows of a RETURNING clause. */
  rows?: Row[];
}

/** Something that runs SQL: a whole backend (autocommit) or one checked-out connection. */
export interface Executor {
  query(sql: string, params: readonly unknown[]): Promise<Row[]>;
  execute(sql: string, params: readonly unknown[]): Promise<ExecResult>;
}

/** A connection held for the length of a transaction. */
export interface HeldConnection extends Executor {
  release(): void;
  /** A synchronous driver runs the statement at once (see `DatabaseBackend.querySync`). */
  querySync?(sql: string, params: readonly unknown[], firstRowOnly?: boolean): Row[];
  executeSync?(sql: string, params: readonly unknown[]): ExecResult;
}

/**
 * One configured database. Subclasses live in `db/<vendor>/backend.ts` and differ only in
 * driver calls; SQL differences belong to their `operations.ts` and `schema.ts`.
 */
export abstract class DatabaseBackend implements Executor {
  abstract readonly vendor: string;
  abstract readonly features: Features;
  abstract readonly ops: Operations;
  abstract readonly schema: SchemaEditor;

  /** Set by `close()`: statements on a closed backend fail clearly instead of hanging on a dead pool. */
  protected closed = false;

  constructor(readonly alias: string) {}

  protected assertOpen(): void {
    if (this.closed) throw new OperationalError(`Database '${this.alias}' is closed; getBackend() opens it again.`);
  }

  /**
   * The clause that makes a multi-row INSERT give back `columns` (Django's
   * `can_return_rows_from_bulk_insert`), or null where the server cannot.
   */
  async bulkInsertReturning(columns: string[]): Promise<string | null> {
    return this.features.supportsReturning ? this.ops.returning(columns) : null;
  }

  abstract query(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /**
   * A synchronous driver (SQLite) runs a read at once and gives its rows, skipping the promise
   * machinery; undefined when the backend cannot (no such method) or not now (a transaction holds
   * the connection). Called only through `queryNow` (db/transaction.ts), which knows the context.
   * `firstRowOnly`: the caller knows at most one row matches (a unique column): read just that.
   */
  querySync?(sql: string, params: readonly unknown[], firstRowOnly?: boolean): Row[] | undefined;
  /** As `querySync`, for writes (see `executeNow`). */
  executeSync?(sql: string, params: readonly unknown[]): ExecResult | undefined;
  abstract execute(sql: string, params: readonly unknown[]): Promise<ExecResult>;
  /** Take a connection for a transaction; other work waits or uses other pool members. */
  abstract acquire(): Promise<HeldConnection>;
  /** Close every connection; the backend is unusable afterwards. */
  abstract close(): Promise<void>;
  /** Connections currently open (pool size); for leak checks. */
  abstract openConnections(): number;
  /** Connections checked out of the pool right now (0 when nothing runs); for leak checks. */
  abstract busyConnections(): number;
}
