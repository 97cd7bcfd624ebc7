import { FieldError } from "../errors.js";
import type { Field } from "../fields/field.js";
import { DecimalFieldDef } from "../fields/decimal.js";
import { FloatFieldDef, IntegerFieldDef } from "../fields/numeric.js";
import { buildWhere } from "../query/build-filter.js";
import { toQ, type Lookups, type QNode } from "../query/q.js";
import type { WhereNode } from "../query/where.js";
import { Expression, type ResolveContext } from "./expression.js";
import { FExpression } from "./f.js";
import { sqlExpr, type SqlExpr } from "./sql-expr.js";

export interface AggregateOptions {
  /** Aggregate distinct values only: `Count("tags", { distinct: true })`. */
  distinct?: boolean;
  /** Only rows matching these lookups count: `Count("choices", { filter: { choices__votes__gt: 0 } })`. */
  filter?: QNode | Lookups;
  /** The field describing the result (how it is converted), when the default does not fit. */
  outputField?: Field;
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
    if (typeof this.source !== "string") throw new FieldError("Complex aggregates require an alias.");
    return `${this.source}__${this.fn.toLowerCase()}`;
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const sub: ResolveContext = { ...ctx, reuse: true };
    const star = this.source === "*";
    const source = star ? null : (typeof this.source === "string" ? new FExpression(this.source) : this.source).resolve(sub);
    if (source?.aggregate) {
      throw new FieldError(`Cannot compute ${this.fn}('${String(typeof this.source === "string" ? this.source : "expression")}'): it is an aggregate`);
    }
    const condition: WhereNode | null = this.options.filter ? buildWhere(ctx.query, toQ(this.options.filter), ctx.filterCall) : null;
    const field = this.options.outputField ?? this.outputField(source?.field ?? null);
    const distinct = this.options.distinct ? "DISTINCT " : "";
    const fn = this.fn;
    return sqlExpr(field, (c) => {
      let arg = source ? source.sql(c) : star && condition ? "1" : "*";
      if (condition) arg = `CASE WHEN ${c.condition(condition)} THEN ${arg} ELSE NULL END`;
      return `${fn}(${distinct}${arg})`;
    }, source ? [source] : [], true);
  }
}

const bigInteger = () => new IntegerFieldDef("BigIntegerField");
const same = (source: Field | null) => source;

type Source = string | Expression;

/** `COUNT(x)`: the number of non-null values (`Count("*")` counts rows). */
export function Count(source: Source, options?: AggregateOptions): Aggregate<number> {
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
