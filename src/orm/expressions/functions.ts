import { FieldError } from "../errors.js";
import type { Field } from "../fields/field.js";
import { DateTimeField } from "../fields/temporal.js";
import { Expression, type ResolveContext } from "./expression.js";
import { FExpression } from "./f.js";
import { sqlExpr, type CompileContext, type SqlExpr } from "./sql-expr.js";

/** A field name (as in Django, strings name fields) or an expression. */
export type Arg = string | Expression;

export function argExpression(arg: Arg): Expression {
  return typeof arg === "string" ? new FExpression(arg) : arg;
}

/**
 * A database function call `NAME(arg, ...)` (Django's `Func`). Subclass it, or use it directly
 * for functions torest does not wrap: `new Func("ABS", [F("balance")])`.
 */
export class Func<T = unknown> extends Expression<T> {
  constructor(readonly name: string, readonly args: readonly Arg[], readonly outputField?: Field) {
    super();
  }

  /** The SQL for resolved arguments (override for dialect-dependent spellings). */
  protected template(_c: CompileContext, args: string[]): string {
    return `${this.name}(${args.join(", ")})`;
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const args = this.args.map((a) => argExpression(a).resolve(ctx));
    const field = this.outputField ?? args.find((a) => a.field)?.field ?? null;
    return sqlExpr(field, (c) => this.template(c, args.map((a) => a.sql(c))), args);
  }
}

/** The first non-null argument: `Coalesce("nickname", "name", Value("anonymous"))`. */
export function Coalesce<T = unknown>(...args: Arg[]): Func<T> {
  if (args.length < 2) throw new TypeError("Coalesce must take at least two expressions");
  return new Func<T>("COALESCE", args);
}

/** The current timestamp of the database (`CURRENT_TIMESTAMP`). */
export function Now(): Func<Date> {
  return new NowFunc();
}

class NowFunc extends Func<Date> {
  constructor() {
    super("CURRENT_TIMESTAMP", [], DateTimeField());
  }

  protected override template(c: CompileContext): string {
    return c.ops.now ?? "CURRENT_TIMESTAMP";
  }
}

/** `ABS(x)`. */
export function Abs<T = number>(arg: Arg): Func<T> {
  return new Func<T>("ABS", [arg]);
}

/**
 * `CAST(x AS <type of field>)` (Django's `Cast`): `Cast("votes", FloatField())` divides without
 * integer truncation; the result reads back as the field's values do.
 */
export function Cast<T = unknown>(arg: Arg, field: Field<T, boolean, boolean>): Func<T> {
  return new CastFunc<T>(arg, field);
}

class CastFunc<T> extends Func<T> {
  constructor(arg: Arg, private readonly field: Field) {
    super("CAST", [arg], field);
  }

  protected override template(c: CompileContext, args: string[]): string {
    if (!c.ops.castType) throw new FieldError("This database backend does not support Cast.");
    const { maxDigits, decimalPlaces } = this.field as { maxDigits?: number; decimalPlaces?: number };
    return `CAST(${args[0]!} AS ${c.ops.castType(this.field.internalType, { maxDigits, decimalPlaces })})`;
  }
}

/**
 * The greatest / least of the arguments (`GREATEST`, `LEAST`; `MAX`, `MIN` on SQLite). As in
 * Django, a NULL argument gives NULL on SQLite and MySQL but is skipped on PostgreSQL.
 */
export function Greatest<T = unknown>(...args: Arg[]): Func<T> {
  return new ExtremeFunc<T>(0, args);
}

export function Least<T = unknown>(...args: Arg[]): Func<T> {
  return new ExtremeFunc<T>(1, args);
}

class ExtremeFunc<T> extends Func<T> {
  constructor(private readonly which: 0 | 1, args: Arg[]) {
    if (args.length < 2) throw new TypeError(`${which ? "Least" : "Greatest"} must take at least two expressions`);
    super(which ? "LEAST" : "GREATEST", args);
  }

  protected override template(c: CompileContext, args: string[]): string {
    const name = c.ops.greatestLeast?.[this.which] ?? this.name;
    return `${name}(${args.join(", ")})`;
  }
}
