import { IntegerField } from "../fields/numeric.js";
import type { OrderTerm } from "../query/query.js";
import { resolveOrdering } from "../query/ordering.js";
import { Expression, type OrderBy, type ResolveContext } from "./expression.js";
import { argExpression, Func, type Arg } from "./functions.js";
import { sqlExpr, type SqlExpr } from "./sql-expr.js";

export interface WindowOptions {
  /** Rows are numbered / aggregated within each group of these values. */
  partitionBy?: Arg | Arg[];
  /** Order inside the partition: field names (`"-votes"`), expressions or `F("x").desc()`. */
  orderBy?: string | Expression | OrderBy | (string | Expression | OrderBy)[];
}

/**
 * A window function (Django's `Window`): `ROW_NUMBER()`, `RANK()`, or an aggregate computed over
 * the rows of a partition without grouping them (`Sum("votes")` running total).
 *
 * ```ts
 * Choice.objects.annotate({ rank: Window(Rank(), { partitionBy: "question", orderBy: "-votes" }) });
 * // RANK() OVER (PARTITION BY "polls_choice"."question_id" ORDER BY "polls_choice"."votes" DESC)
 * ```
 * Filtering on a window annotation is not supported (SQL evaluates windows after WHERE).
 */
export class WindowExpression<T = unknown> extends Expression<T> {
  constructor(readonly expression: Expression<T>, readonly options: WindowOptions = {}) {
    super();
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const inner = this.expression.resolve({ ...ctx, reuse: true });
    const partition = ([] as Arg[]).concat(this.options.partitionBy ?? []).map((a) => argExpression(a).resolve({ ...ctx, reuse: true }));
    const order: OrderTerm[] = ([] as (string | Expression | OrderBy)[]).concat(this.options.orderBy ?? []).map((t) => resolveOrdering(ctx.query, t));
    return {
      kind: "expr",
      field: inner.field,
      aggregate: false,
      window: true,
      sql: (c) => {
        const parts: string[] = [];
        if (partition.length) parts.push(`PARTITION BY ${partition.map((p) => p.sql(c)).join(", ")}`);
        if (order.length) parts.push(`ORDER BY ${order.map((t) => c.orderTerm(t)).join(", ")}`);
        return `${inner.sql(c)} OVER (${parts.join(" ")})`;
      },
      children: () => [inner, ...partition],
    };
  }
}

export function Window<T>(expression: Expression<T>, options: WindowOptions = {}): WindowExpression<T> {
  return new WindowExpression(expression, options);
}

/** `ROW_NUMBER()`: 1, 2, 3... in the window's order. */
export const RowNumber = () => new Func<number>("ROW_NUMBER", [], IntegerField());
/** `RANK()`: ties share a rank, with gaps after them. */
export const Rank = () => new Func<number>("RANK", [], IntegerField());
/** `DENSE_RANK()`: ties share a rank, without gaps. */
export const DenseRank = () => new Func<number>("DENSE_RANK", [], IntegerField());

/** The value `offset` rows before (`Lag`) or after (`Lead`) in the window's order. */
export function Lag<T = unknown>(arg: Arg, offset = 1): Func<T> {
  return new Func<T>("LAG", [arg, new ValueInt(offset)]);
}

export function Lead<T = unknown>(arg: Arg, offset = 1): Func<T> {
  return new Func<T>("LEAD", [arg, new ValueInt(offset)]);
}

/** An integer argument written inline (window offsets must be constants on some databases). */
class ValueInt extends Expression<number> {
  constructor(readonly value: number) {
    super();
    if (!Number.isInteger(value) || value < 0) throw new TypeError("The offset must be a non-negative integer.");
  }

  resolve(): SqlExpr {
    const value = this.value;
    return sqlExpr(null, () => String(value));
  }
}
