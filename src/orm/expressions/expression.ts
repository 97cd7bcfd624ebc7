import { BooleanField } from "../fields/boolean.js";
import type { Field } from "../fields/field.js";
import { FloatField, IntegerField } from "../fields/numeric.js";
import { DateTimeField } from "../fields/temporal.js";
import { TextField } from "../fields/text.js";
import type { Query } from "../query/query.js";
import { sqlExpr, type SqlExpr } from "./sql-expr.js";

/** Where an expression is being resolved, and how it may join. */
export interface ResolveContext {
  /** The query being built (a clone: resolving may add joins). */
  query: Query;
  /** The `filter()` call, or -1 outside filters (annotations, ordering, updates). */
  filterCall: number;
  /** May reuse multi-valued joins made by earlier calls (annotations and ordering do). */
  reuse: boolean;
  /** False in `update()`: joined field references are refused. */
  allowJoins: boolean;
}

export type ArithmeticOperator = "+" | "-" | "*" | "/" | "%";

/**
 * Something that computes a value in SQL (Django's `Expression`): `F("votes")`, `Value(1)`,
 * `Count("choices")`, `Lower("name")`... `T` is the JS type of its result.
 *
 * ```ts
 * await Question.objects.update({ votes: F("votes").add(1) });
 * // UPDATE "polls_question" SET "votes" = ("polls_question"."votes" + ?)
 * ```
 */
export abstract class Expression<T = unknown> {
  declare readonly __output?: T;

  /** Resolve names into columns on `ctx.query` (adding joins). */
  abstract resolve(ctx: ResolveContext): SqlExpr;

  add(other: Expression<number> | number): Expression<T> { return combine(this, "+", other); }
  sub(other: Expression<number> | number): Expression<T> { return combine(this, "-", other); }
  mul(other: Expression<number> | number): Expression<T> { return combine(this, "*", other); }
  div(other: Expression<number> | number): Expression<T> { return combine(this, "/", other); }
  mod(other: Expression<number> | number): Expression<T> { return combine(this, "%", other); }

  /** Ascending order term: `orderBy(F("rating").asc({ nullsLast: true }))`. */
  asc(options: NullsOrder = {}): OrderBy {
    return new OrderBy(this, false, options);
  }

  desc(options: NullsOrder = {}): OrderBy {
    return new OrderBy(this, true, options);
  }
}

export interface NullsOrder {
  nullsFirst?: boolean;
  nullsLast?: boolean;
}

/** An ordering term made from an expression (`F("x").desc()`). */
export class OrderBy {
  constructor(readonly expression: Expression, readonly descending: boolean, readonly nulls: NullsOrder) {}
}

/** Values that are not expressions become parameters (Django wraps them in `Value`). */
export type ExpressionLike<T = unknown> = Expression<T> | T;

/** Wrap a plain value in `Value` (Django does the same for non-expressions). */
export function toExpression(value: unknown, field?: Field): Expression {
  return value instanceof Expression ? value : new ValueExpression(value, field);
}

function combine<T>(lhs: Expression<T>, op: ArithmeticOperator, rhs: unknown): Expression<T> {
  return new CombinedExpression<T>(lhs, op, toExpression(rhs));
}

/**
 * A literal value sent as a parameter (Django's `Value`). `field` says how to store it and how
 * to read results (`Value(1)` is a number; give a field for dates or decimals).
 */
export class ValueExpression<T = unknown> extends Expression<T> {
  constructor(readonly value: T, readonly field?: Field) {
    super();
  }

  resolve(): SqlExpr {
    const { value, field } = this;
    const output = field ?? guessField(value);
    return sqlExpr(output, (c) => {
      if (value === null || value === undefined) return "NULL";
      const stored = output ? output.toDb(c.ops, value) : value;
      // Whole numbers are written inline: some drivers bind every JS number as a float
      // (better-sqlite3 does), which would print `0` as `0.0` in Concat.
      return typeof stored === "number" && Number.isSafeInteger(stored) && !(output?.internalType === "FloatField")
        ? String(stored) : output && c.ops.castParam ? c.ops.castParam(c.param(stored), output.internalType) : c.param(stored);
    });
  }
}

/** `lhs <op> rhs` (Django's `CombinedExpression`); the output field is the left side's. */
export class CombinedExpression<T = unknown> extends Expression<T> {
  constructor(readonly lhs: Expression, readonly op: ArithmeticOperator, readonly rhs: Expression) {
    super();
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const lhs = this.lhs.resolve(ctx);
    const rhs = this.rhs.resolve(ctx);
    const field = lhs.field && !(this.lhs instanceof ValueExpression) ? lhs.field : rhs.field ?? lhs.field;
    return sqlExpr(field, (c) => `(${lhs.sql(c)} ${this.op} ${rhs.sql(c)})`, [lhs, rhs]);
  }
}

/** The output field of a literal: numbers, strings, booleans and dates get one, others none. */
function guessField(value: unknown): Field | null {
  if (typeof value === "number") return Number.isInteger(value) ? IntegerField() : FloatField();
  if (typeof value === "string") return TextField();
  if (typeof value === "boolean") return BooleanField();
  if (value instanceof Date) return DateTimeField();
  return null;
}

/**
 * An expression with an explicit output field (Django's `ExpressionWrapper`), for arithmetic
 * whose result type differs from its left side: `ExpressionWrapper(F("price").mul(F("qty")), DecimalField(...))`.
 */
export class ExpressionWrapper<T = unknown> extends Expression<T> {
  constructor(readonly expression: Expression, readonly field: Field) {
    super();
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const inner = this.expression.resolve(ctx);
    return sqlExpr(this.field, (c) => inner.sql(c), [inner], inner.aggregate);
  }
}

/** `Value(5)`: a literal as an expression (give `field` for dates, decimals, JSON). */
export function Value<T>(value: T, field?: Field): ValueExpression<T> {
  return new ValueExpression(value, field);
}
