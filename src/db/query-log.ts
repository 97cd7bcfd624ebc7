import type { ExecResult, Executor, Row } from "./backend.js";

/** One statement run while queries were being captured. */
export interface CapturedQuery {
  /** The SQL text with the backend's placeholders (`?`, `$1`). */
  sql: string;
  params: readonly unknown[];
  /** Database alias it ran on. */
  alias: string;
  /** Wall time of the statement in milliseconds. */
  timeMs: number;
}

type Listener = (query: CapturedQuery) => void;

const listeners = new Set<Listener>();

/** True while some `captureQueries` block is open (executors are wrapped only then: no cost otherwise). */
export function queryLogActive(): boolean {
  return listeners.size > 0;
}

/** An executor that reports each statement to the open captures. */
export function loggingExecutor(executor: Executor, alias: string): Executor {
  const report = (sql: string, params: readonly unknown[], start: number) => {
    const query: CapturedQuery = { sql, params, alias, timeMs: performance.now() - start };
    for (const listener of listeners) listener(query);
  };
  return {
    async query(sql: string, params: readonly unknown[]): Promise<Row[]> {
      const start = performance.now();
      try {
        return await executor.query(sql, params);
      } finally {
        report(sql, params, start);
      }
    },
    async execute(sql: string, params: readonly unknown[]): Promise<ExecResult> {
      const start = performance.now();
      try {
        return await executor.execute(sql, params);
      } finally {
        report(sql, params, start);
      }
    },
  };
}

/** What `captureQueries` gives back: the block's result and the statements it ran, in order. */
export interface CapturedQueries<T> {
  result: T;
  queries: CapturedQuery[];
}

/**
 * Run `fn` and record every statement the ORM sends to the database meanwhile (Django's
 * `CaptureQueriesContext`). Transaction control (BEGIN, COMMIT, savepoints) is not listed.
 * Use it in tests to prove a page costs a fixed number of queries:
 *
 * ```ts
 * const { queries } = await captureQueries(async () => {
 *   for (const q of await Question.objects.prefetchRelated("choices")) await q.choices.all();
 * });
 * expect(queries).toHaveLength(2); // SELECT questions; SELECT choices WHERE question_id IN (...)
 * ```
 */
export async function captureQueries<T>(fn: () => Promise<T> | T, options: { using?: string } = {}): Promise<CapturedQueries<T>> {
  const queries: CapturedQuery[] = [];
  const listener: Listener = (query) => {
    if (options.using === undefined || query.alias === options.using) queries.push(query);
  };
  listeners.add(listener);
  try {
    const result = await fn();
    return { result, queries };
  } finally {
    listeners.delete(listener);
  }
}

/**
 * Run `fn` and fail unless it ran exactly `expected` statements (Django's `assertNumQueries`).
 * The error lists the statements that ran.
 */
export async function assertNumQueries<T>(expected: number, fn: () => Promise<T> | T, options: { using?: string } = {}): Promise<T> {
  const { result, queries } = await captureQueries(fn, options);
  if (queries.length !== expected) {
    const list = queries.map((q, i) => `${i + 1}. ${q.sql}`).join("\n");
    throw new Error(`${queries.length} queries executed, ${expected} expected\nCaptured queries were:\n${list}`);
  }
  return result;
}
