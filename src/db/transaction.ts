import { AsyncLocalStorage } from "node:async_hooks";
import type { DatabaseBackend, Executor, HeldConnection } from "./backend.js";
import { getBackend } from "./connection.js";
import { loggingExecutor, queryLogActive } from "./query-log.js";

/** The open transaction of one database in the current async context. */
interface TransactionState {
  readonly connection: HeldConnection;
  depth: number;
  savepoints: number;
  readonly onCommit: (() => void | Promise<void>)[];
}

type TransactionStore = Map<string, TransactionState>;

/** Which transaction (if any) each async context is in, per database alias. */
const store = new AsyncLocalStorage<TransactionStore>();

/**
 * The executor for `alias` in the current context: the transaction's connection inside
 * `atomic`, the backend itself (autocommit) outside.
 */
export function executorFor(backend: DatabaseBackend): Executor {
  const executor = store.getStore()?.get(backend.alias)?.connection ?? backend;
  return queryLogActive() ? loggingExecutor(executor, backend.alias) : executor;
}

/** True when the current context is inside `atomic` for this database. */
export function inTransaction(alias = "default"): boolean {
  return store.getStore()?.has(alias) ?? false;
}

/**
 * Run `fn` in a transaction (Django's `transaction.atomic`). Nested calls make savepoints, so an
 * inner failure rolls back only the inner block. A thrown error rolls back and is rethrown.
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
  if (current) return savepoint(current, fn);

  const backend = getBackend(alias);
  const connection = await backend.acquire();
  const state: TransactionState = { connection, depth: 1, savepoints: 0, onCommit: [] };
  const next: TransactionStore = new Map(outer ?? []);
  next.set(alias, state);
  let committed = false;
  try {
    await connection.execute(backend.ops.beginSql, []);
    // Awaited inside the transaction's context: a thenable result (a queryset) runs in it too.
    const result = await store.run(next, async () => await fn());
    await connection.execute("COMMIT", []);
    committed = true;
    return result;
  } catch (error) {
    if (!committed) await connection.execute("ROLLBACK", []).catch(() => undefined);
    throw error;
  } finally {
    connection.release();
    if (committed) for (const callback of state.onCommit) await callback();
  }
}

async function savepoint<T>(state: TransactionState, fn: () => Promise<T> | T): Promise<T> {
  const name = `torest_sp_${++state.savepoints}`;
  await state.connection.execute(`SAVEPOINT ${name}`, []);
  state.depth++;
  // Callbacks registered inside a savepoint that rolls back are dropped with it (as in Django).
  const callbacks = state.onCommit.length;
  try {
    const result = await fn();
    await state.connection.execute(`RELEASE SAVEPOINT ${name}`, []);
    return result;
  } catch (error) {
    state.onCommit.length = callbacks;
    await state.connection.execute(`ROLLBACK TO SAVEPOINT ${name}`, []).catch(() => undefined);
    await state.connection.execute(`RELEASE SAVEPOINT ${name}`, []).catch(() => undefined);
    throw error;
  } finally {
    state.depth--;
  }
}

/** Run `callback` after the current transaction commits (at once outside a transaction). */
export async function onCommit(callback: () => void | Promise<void>, options: { using?: string } = {}): Promise<void> {
  const state = store.getStore()?.get(options.using ?? "default");
  if (state) state.onCommit.push(callback);
  else await callback();
}
