import { FieldError } from "../errors.js";
import type { Field } from "../fields/field.js";
import { DateTimeField } from "../fields/temporal.js";
import { TextField } from "../fields/text.js";
import { IntegerField } from "../fields/numeric.js";
import { Expression, ValueExpression, type ResolveContext } from "./expression.js";
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

/** `LOWER(x)`: `annotate({ lower: Lower("name") })`. */
export function Lower(arg: Arg): Func<string> {
  return new Func<string>("LOWER", [arg]);
}

/** `UPPER(x)`. */
export function Upper(arg: Arg): Func<string> {
  return new Func<string>("UPPER", [arg]);
}

/** The first non-null argument: `Coalesce("nickname", "name", Value("anonymous"))`. */
export function Coalesce<T = unknown>(...args: Arg[]): Func<T> {
  if (args.length < 2) throw new TypeError("Coalesce must take at least two expressions");
  return new Func<T>("COALESCE", args);
}

/** String concatenation; a NULL part counts as empty, as in Django. */
export class ConcatFunc extends Func<string> {
  constructor(args: readonly Arg[]) {
    super("CONCAT", args);
  }

  // CONCAT_WS skips NULLs and converts numbers to text on SQLite (3.44+), PostgreSQL and MySQL.
  protected override template(c: CompileContext, args: string[]): string {
    return c.ops.concat ? c.ops.concat(args) : `CONCAT_WS('', ${args.join(", ")})`;
  }
}

/** `Concat("first_name", Value(" "), "last_name")`. */
export function Concat(...args: Arg[]): ConcatFunc {
  if (args.length < 2) throw new TypeError("Concat must take at least two expressions");
  return new ConcatFunc(args);
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

/** `TRIM(x)`: spaces removed from both ends (`LTrim`, `RTrim` for one end). */
export function Trim(arg: Arg): Func<string> {
  return new Func<string>("TRIM", [arg]);
}

export function LTrim(arg: Arg): Func<string> {
  return new Func<string>("LTRIM", [arg]);
}

export function RTrim(arg: Arg): Func<string> {
  return new Func<string>("RTRIM", [arg]);
}

/** `REPLACE(x, text, replacement)`: `Replace("name", Value("Mr. "), Value(""))`. */
export function Replace(arg: Arg, text: Expression, replacement: Expression = new ValueExpression("")): Func<string> {
  return new Func<string>("REPLACE", [arg, text, replacement]);
}

/** `SUBSTR(x, pos[, length])`, 1-based as in SQL and Django's `Substr`. */
export function Substr(arg: Arg, pos: number, length?: number): Func<string> {
  if (!Number.isInteger(pos) || pos < 1) throw new TypeError("'pos' must be greater than 0");
  const args: Arg[] = [arg, new ValueExpression(pos)];
  if (length !== undefined) args.push(new ValueExpression(length));
  return new Func<string>("SUBSTR", args, TextField());
}

/** Length in characters (`LENGTH`, `CHAR_LENGTH` on MySQL); null for null. */
export function Length(arg: Arg): Func<number | null> {
  return new LengthFunc(arg);
}

class LengthFunc extends Func<number | null> {
  constructor(arg: Arg) {
    super("LENGTH", [arg], IntegerField());
  }

  protected override template(c: CompileContext, args: string[]): string {
    return c.ops.charLength ? c.ops.charLength(args[0]!) : `LENGTH(${args[0]!})`;
  }
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
