import { AsyncLocalStorage } from "node:async_hooks";
import type { DatabaseBackend, ExecResult, Executor, HeldConnection, Row } from "./backend.js";
import { getBackend } from "./connection.js";
import { TransactionManagementError } from "./errors.js";
import { loggingExecutor, queryLogActive } from "./query-log.js";

/** The open transaction of one database: one connection shared by all its atomic blocks. */
interface TransactionState {
  readonly connection: HeldConnection;
  savepoints: number;
  readonly onCommit: (() => void | Promise<void>)[];
  /**
   * The innermost open block (the transaction itself or a savepoint). Only its statements run:
   * a statement of any other block (an outer block, or a sibling started by `Promise.all`) would
   * be undone when that savepoint rolls back, so it waits until the connection is its own again.
   */
  owner: Block;
  readonly waiters: (() => void)[];
  /** Settles when the last issued statement has finished. */
  tail: Promise<void>;
  /** Statements issued and not yet finished: at 0 the next one starts at once, without a hop. */
  inFlight: number;
  /** Counts a statement finished (one function per transaction, not one per statement). */
  readonly settle: () => void;
}

/** One atomic block: the transaction itself (no parent) or a savepoint inside it. */
interface Block {
  readonly state: TransactionState;
  readonly parent: Block | null;
  finished: boolean;
  /** This block's view of the connection, made on first use and reused for every statement. */
  executor?: Executor;
}

type TransactionStore = Map<string, Block>;

/** Which block (if any) each async context is in, per database alias. */
const store = new AsyncLocalStorage<TransactionStore>();

const FINISHED = "This atomic block has already finished; its work can no longer use the transaction. Await every statement inside atomic().";

/** Run statements one after another on the transaction's connection, in the order they were issued. */
function enqueue<X>(state: TransactionState, run: () => Promise<X>): Promise<X> {
  // Nothing in flight: start now (the same order as chaining on a settled tail, one hop fewer).
  const result = state.inFlight++ === 0 ? start(run) : state.tail.then(run);
  state.tail = result.then(state.settle, state.settle);
  return result;
}

function start<X>(run: () => Promise<X>): Promise<X> {
  try {
    return run();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Issue `run` as `block` once the connection is its own. The ownership check, the optional
 * hand-over to a new savepoint (`take`) and the queueing happen in one synchronous step, so no
 * sibling can slip a statement in between.
 */
function withTurn<X>(block: Block, run: () => Promise<X>, take?: Block): Promise<X> {
  const { state } = block;
  // The usual case, the block owns the connection: queued in this very step.
  if (!block.finished && state.owner === block) {
    if (take) handOver(state, take);
    return enqueue(state, run);
  }
  return waitForTurn(block, run, take);
}

async function waitForTurn<X>(block: Block, run: () => Promise<X>, take?: Block): Promise<X> {
  const { state } = block;
  for (;;) {
    if (block.finished) throw new TransactionManagementError(FINISHED);
    if (state.owner === block) {
      if (take) handOver(state, take);
      return enqueue(state, run);
    }
    await new Promise<void>((resolve) => state.waiters.push(resolve));
  }
}

function handOver(state: TransactionState, owner: Block): void {
  state.owner = owner;
  for (const wake of state.waiters.splice(0)) wake();
}

/** The transaction's connection as seen by one block: each statement waits for its turn. */
function blockExecutor(block: Block): Executor {
  if (block.executor) return block.executor;
  const connection = block.state.connection;
  return (block.executor = {
    query: (sql, params) => withTurn(block, () => connection.query(sql, params)),
    execute: (sql, params) => withTurn(block, () => connection.execute(sql, params)),
  });
}

/**
 * The executor for `alias` in the current context: the transaction's connection inside
 * `atomic`, the backend itself (autocommit) outside.
 */
export function executorFor(backend: DatabaseBackend): Executor {
  const block = store.getStore()?.get(backend.alias);
  const executor = block ? blockExecutor(block) : backend;
  return queryLogActive() ? loggingExecutor(executor, backend.alias) : executor;
}

/**
 * The rows of a read run at once, where the driver is synchronous (SQLite) and the statement
 * would start at once anyway: no query capture open, and either outside `atomic` with the
 * connection free, or inside it with the connection owned by this block and nothing in flight
 * (exactly when `enqueue` would start it without waiting). undefined: use `executorFor`.
 */
export function queryNow(backend: DatabaseBackend, sql: string, params: readonly unknown[], firstRowOnly = false): Row[] | undefined {
  if (queryLogActive()) return undefined;
  const block = store.getStore()?.get(backend.alias);
  if (!block) return backend.querySync?.(sql, params, firstRowOnly);
  return ownsIdleConnection(block) ? block.state.connection.querySync?.(sql, params, firstRowOnly) : undefined;
}

/** As `queryNow`, for INSERT/UPDATE/DELETE. */
export function executeNow(backend: DatabaseBackend, sql: string, params: readonly unknown[]): ExecResult | undefined {
  if (queryLogActive()) return undefined;
  const block = store.getStore()?.get(backend.alias);
  if (!block) return backend.executeSync?.(sql, params);
  return ownsIdleConnection(block) ? block.state.connection.executeSync?.(sql, params) : undefined;
}

function ownsIdleConnection(block: Block): boolean {
  return !block.finished && block.state.owner === block && block.state.inFlight === 0;
}

/** True when the current context is inside `atomic` for this database. */
export function inTransaction(alias = "default"): boolean {
  return store.getStore()?.has(alias) ?? false;
}

/**
 * Run `fn` in a transaction (Django's `transaction.atomic`). Nested calls make savepoints, so an
 * inner failure rolls back only the inner block. A thrown error rolls back and is rethrown.
 *
 * Blocks started side by side in one transaction (`Promise.all([atomic(a), atomic(b)])`) take
 * turns: each savepoint holds the connection until it is released or rolled back, so a sibling's
 * rollback can never undo another block's writes.
 *
 * ```ts
 * await atomic(async () => {
 *   await place.save();
 *   await Restaurant.objects.create({ place });
 * });
 * ```
 */
export async function atomic<T>(fn: () => Promise<T> | T, options: { using?: string } = {}): Promise<T> {
  const alias = options.using ?? "default";
  const outer = store.getStore();
  const current = outer?.get(alias);
  if (current) return savepoint(current, outer!, alias, fn);

  const backend = getBackend(alias);
  const connection = await backend.acquire();
  const state = {
    connection, savepoints: 0, onCommit: [], waiters: [], tail: Promise.resolve(), inFlight: 0,
    settle: () => void state.inFlight--,
  } as Omit<TransactionState, "owner"> as TransactionState;
  const block: Block = { state, parent: null, finished: false };
  state.owner = block;
  const run = (sql: string) => withTurn(block, () => connection.execute(sql, []));
  const next: TransactionStore = new Map(outer ?? []);
  next.set(alias, block);
  let committed = false;
  try {
    await run(backend.ops.beginSql);
    // Awaited inside the transaction's context: a thenable result (a queryset) runs in it too.
    const result = await store.run(next, async () => await fn());
    await run("COMMIT");
    committed = true;
    return result;
  } catch (error) {
    // Waits for blocks still running: nothing of theirs may run after the ROLLBACK.
    if (!committed) await run("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    block.finished = true;
    handOver(state, block);
    connection.release();
    if (committed) for (const callback of state.onCommit) await callback();
  }
}

async function savepoint<T>(parent: Block, outer: TransactionStore, alias: string, fn: () => Promise<T> | T): Promise<T> {
  const { state } = parent;
  const block: Block = { state, parent, finished: false };
  const run = (sql: string) => withTurn(block, () => state.connection.execute(sql, []));
  const name = `torest_sp_${++state.savepoints}`;
  const next: TransactionStore = new Map(outer);
  next.set(alias, block);
  // Callbacks registered inside a savepoint that rolls back are dropped with it (as in Django).
  let callbacks = -1;
  try {
    // The savepoint takes the connection from its parent in the same step as it is queued.
    await withTurn(parent, () => state.connection.execute(`SAVEPOINT ${name}`, []), block);
    callbacks = state.onCommit.length;
    const result = await store.run(next, async () => await fn());
    await run(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    if (state.owner === block || callbacks >= 0) {
      if (callbacks >= 0) state.onCommit.length = callbacks;
      await run(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      await run(`RELEASE SAVEPOINT ${name}`).catch(() => undefined);
    }
    throw error;
  } finally {
    block.finished = true;
    if (state.owner === block) handOver(state, parent);
  }
}

/** Run `callback` after the current transaction commits (at once outside a transaction). */
export async function onCommit(callback: () => void | Promise<void>, options: { using?: string } = {}): Promise<void> {
  const block = store.getStore()?.get(options.using ?? "default");
  if (block) block.state.onCommit.push(callback);
  else await callback();
}
