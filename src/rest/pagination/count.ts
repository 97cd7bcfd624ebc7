import { getBackend, type QuerySet } from "../../index.js";
import { executorFor } from "../../db/transaction.js";
import { compileSelect } from "../../orm/sql/compiler.js";

/**
 * How a paginator counts a list: `exact` is DRF's `COUNT(*)`. On big tables a full count costs
 * a scan on every page, so two cheaper strategies exist (no DRF equivalent):
 *
 * - `cappedCount(10_000)`: counts at most 10 000 rows (`COUNT(*)` over a `LIMIT`); past that the
 *   count says 10 000 and `capped` is set, so pages past the cap are still served when rows exist.
 * - `estimatedCount(10_000)`: below the threshold the exact count; above it the planner's row
 *   estimate where the database has one (PostgreSQL's `EXPLAIN`), else the capped count.
 */
export interface CountResult {
  readonly count: number;
  /** The real count may be higher. */
  readonly capped: boolean;
}

export type CountStrategy = (queryset: QuerySet<any>) => Promise<CountResult>;

export const exactCount: CountStrategy = async (queryset) => ({ count: await queryset.count(), capped: false });

export function cappedCount(threshold: number): CountStrategy {
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw new RangeError("cappedCount: the threshold must be a whole number above 0.");
  return async (queryset) => {
    const count = await queryset.slice(0, threshold + 1).count();
    return count > threshold ? { count: threshold, capped: true } : { count, capped: false };
  };
}

export function estimatedCount(threshold: number): CountStrategy {
  const capped = cappedCount(threshold);
  return async (queryset) => {
    const first = await capped(queryset);
    if (!first.capped) return first;
    const estimate = await plannerEstimate(queryset);
    return estimate !== null && estimate > threshold ? { count: estimate, capped: true } : first;
  };
}

/** The planner's row estimate for the query: PostgreSQL's `EXPLAIN (FORMAT JSON)`; null elsewhere. */
async function plannerEstimate(queryset: QuerySet<any>): Promise<number | null> {
  const backend = getBackend(queryset.db);
  // Only PostgreSQL reports a usable estimate: MySQL's EXPLAIN rows are per-table guesses.
  if (backend.vendor !== "postgres") return null;
  const { sql, params } = compileSelect(queryset.query, backend.ops);
  const rows = await executorFor(backend).query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const cell = rows[0]?.[0];
  const plan = (typeof cell === "string" ? JSON.parse(cell) : cell) as { Plan?: { "Plan Rows"?: number } }[] | undefined;
  const estimate = plan?.[0]?.Plan?.["Plan Rows"];
  return typeof estimate === "number" ? Math.round(estimate) : null;
}
