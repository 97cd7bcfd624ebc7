import { FieldError } from "../errors.js";
import type { Field } from "../fields/field.js";
import { DecimalFieldDef } from "../fields/decimal.js";
import { FloatFieldDef, IntegerFieldDef } from "../fields/numeric.js";
import { buildWhere } from "../query/build-filter.js";
import { toQ, type Lookups, type QNode } from "../query/q.js";
import type { WhereNode } from "../query/where.js";
import { Expression, toExpression, type ResolveContext } from "./expression.js";
import { FExpression } from "./f.js";
import { sqlExpr, type SqlExpr } from "./sql-expr.js";

export interface AggregateOptions {
  /** Aggregate distinct values only: `Count("tags", { distinct: true })`. */
  distinct?: boolean;
  /** Only rows matching these lookups count: `Count("choices", { filter: { choices__votes__gt: 0 } })`. */
  filter?: QNode | Lookups;
  /** The field describing the result (how it is converted), when the default does not fit. */
  outputField?: Field;
  /**
   * The result when there are no rows to aggregate, instead of null (Django 4.0's `default`,
   * compiled as `COALESCE(SUM(x), default)`): a value or an expression.
   */
  default?: unknown;
}

/**
 * An SQL aggregate over the rows of a group (Django's `Aggregate`). Used in `aggregate()`
 * (over the whole queryset) and `annotate()` (per object, adding a GROUP BY). The `filter`
 * option is compiled as `CASE WHEN ... THEN x END`, which every database accepts.
 */
export class Aggregate<T = unknown> extends Expression<T> {
  constructor(
    readonly fn: string,
    readonly source: string | Expression,
    readonly options: AggregateOptions = {},
    /** The result's field from the source's. */
    private readonly outputField: (source: Field | null) => Field | null = same,
  ) {
    super();
  }

  /** The name Django gives `aggregate(Sum("x"))` results without an explicit key: `x__sum`. */
  get defaultAlias(): string {
    if (typeof this.source !== "string" || this.source === "*") throw new FieldError("Complex aggregates require an alias.");
    return `${this.source}__${this.fn.toLowerCase()}`;
  }

  /**
   * The aggregated argument (with the `filter` condition folded into a CASE), resolved on
   * `ctx.query`, and the output field; null argument: `*`. Used directly by `aggregate()` over
   * a subquery, where the argument becomes a column of the inner query.
   */
  argument(ctx: ResolveContext): { arg: SqlExpr | null; field: Field | null } {
    const sub: ResolveContext = { ...ctx, reuse: true };
    const star = this.source === "*";
    const source = star ? null : (typeof this.source === "string" ? new FExpression(this.source) : this.source).resolve(sub);
    const condition: WhereNode | null = this.options.filter ? buildWhere(ctx.query, toQ(this.options.filter), ctx.filterCall) : null;
    const field = this.options.outputField ?? this.outputField(source?.field ?? null);
    if (!condition) return { arg: source, field };
    const arg = sqlExpr(source?.field ?? null, (c) => `CASE WHEN ${c.condition(condition)} THEN ${source ? source.sql(c) : "1"} ELSE NULL END`, source ? [source] : []);
    return { arg, field };
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const { arg, field } = this.argument(ctx);
    if (arg?.aggregate) {
      throw new FieldError(`Cannot compute ${this.fn}('${String(typeof this.source === "string" ? this.source : "expression")}'): it is an aggregate`);
    }
    const distinct = this.options.distinct ? "DISTINCT " : "";
    const fn = this.fn;
    const aggregate = sqlExpr(field, (c) => `${fn}(${distinct}${arg ? arg.sql(c) : "*"})`, arg ? [arg] : [], true);
    return this.withDefault(aggregate, ctx);
  }

  /** `COALESCE(aggregate, default)` when a `default` is given (Django wraps in `Coalesce` too). */
  withDefault(aggregate: SqlExpr, ctx: ResolveContext): SqlExpr {
    if (this.options.default === undefined || this.options.default === null) return aggregate;
    const fallback = toExpression(this.options.default, aggregate.field ?? undefined).resolve(ctx);
    if (fallback.aggregate) throw new FieldError(`Cannot use an aggregate as the default of ${this.fn}().`);
    return sqlExpr(aggregate.field, (c) => `COALESCE(${aggregate.sql(c)}, ${fallback.sql(c)})`, [aggregate, fallback], true);
  }

  /** The value over no rows at all (Django's `empty_result_set_value`): 0 for Count, else the default or null. */
  get emptyResult(): unknown {
    if (this.fn === "COUNT") return 0;
    return this.options.default instanceof Expression ? null : this.options.default ?? null;
  }
}

const bigInteger = () => new IntegerFieldDef("BigIntegerField");
const same = (source: Field | null) => source;

type Source = string | Expression;

/** `COUNT(x)`: the number of non-null values (`Count("*")` counts rows). */
export function Count(source: Source, options?: AggregateOptions): Aggregate<number> {
  // Django: Count is never null (0 over no rows), so a default has nothing to replace.
  if (options?.default !== undefined && options.default !== null) throw new TypeError("Count does not allow default.");
  return new Aggregate<number>("COUNT", source, options, bigInteger);
}

/** `SUM(x)`: null over no rows, as in SQL and Django. */
export function Sum<T = number | null>(source: Source, options?: AggregateOptions): Aggregate<T> {
  return new Aggregate<T>("SUM", source, options, same);
}

/** `AVG(x)`: a float (a decimal for decimal fields). */
export function Avg<T = number | null>(source: Source, options?: AggregateOptions): Aggregate<T> {
  return new Aggregate<T>("AVG", source, options, (f) => (f instanceof DecimalFieldDef ? f : new FloatFieldDef()));
}

export function Min<T = unknown>(source: Source, options?: AggregateOptions): Aggregate<T> {
  return new Aggregate<T>("MIN", source, options, same);
}

export function Max<T = unknown>(source: Source, options?: AggregateOptions): Aggregate<T> {
  return new Aggregate<T>("MAX", source, options, same);
}
