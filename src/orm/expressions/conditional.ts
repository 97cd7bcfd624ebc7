import type { Field } from "../fields/field.js";
import { buildWhere } from "../query/build-filter.js";
import { toQ, type Lookups, type QNode } from "../query/q.js";
import { Expression, toExpression, type ResolveContext } from "./expression.js";
import { isSqlExpr, sqlExpr, type SqlExpr } from "./sql-expr.js";

/**
 * One branch of a `Case`: a condition (lookups or Q) and the result. Plain values are
 * parameters; use `F("field")` to return a field.
 */
export class WhenClause<T = unknown> {
  constructor(readonly condition: QNode | Lookups | Expression<boolean>, readonly then: Expression<T> | T) {}
}

/** `When({ votes__gte: 5 }, "high")`, `When(Q(...), 1)`, `When(Exists(...), true)`. */
export function When<T>(condition: QNode | Lookups | Expression<boolean>, then: Expression<T> | T): WhenClause<T> {
  return new WhenClause(condition, then);
}

export interface CaseOptions<T> {
  /** The result when no branch matches (NULL by default). */
  default?: Expression<T> | T;
  outputField?: Field;
}

/**
 * `CASE WHEN ... THEN ... ELSE ... END` (Django's `Case`).
 *
 * ```ts
 * Client.objects.annotate({
 *   discount: Case([When({ account_type: "GOLD" }, 5), When({ account_type: "PLATINUM" }, 10)], { default: 0 }),
 * });
 * ```
 */
export class CaseExpression<T = unknown> extends Expression<T> {
  constructor(readonly whens: readonly WhenClause<T>[], readonly options: CaseOptions<T> = {}) {
    super();
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const branches = this.whens.map((w) => ({
      condition: w.condition instanceof Expression ? w.condition.resolve(ctx) : buildWhere(ctx.query, toQ(w.condition), ctx.filterCall),
      then: toExpression(w.then).resolve(ctx),
    }));
    const fallback = this.options.default === undefined ? null : toExpression(this.options.default).resolve(ctx);
    const results = [...branches.map((b) => b.then), ...(fallback ? [fallback] : [])];
    const field = this.options.outputField ?? results.find((r) => r.field)?.field ?? null;
    return sqlExpr(field, (c) => {
      const parts = branches.map((b) => `WHEN ${isSqlExpr(b.condition) ? b.condition.sql(c) : c.condition(b.condition)} THEN ${b.then.sql(c)}`);
      return `CASE ${parts.join(" ")} ELSE ${fallback ? fallback.sql(c) : "NULL"} END`;
    }, [...results, ...branches.map((b) => b.condition).filter(isSqlExpr)]);
  }
}

export function Case<T = unknown>(whens: readonly WhenClause<T>[], options: CaseOptions<T> = {}): CaseExpression<T> {
  return new CaseExpression(whens, options);
}
