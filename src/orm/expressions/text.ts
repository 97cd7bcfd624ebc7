// Text functions: case, concatenation, trimming, replacing, substrings, length.
import { IntegerField } from "../fields/numeric.js";
import { TextField } from "../fields/text.js";
import { type Expression, ValueExpression } from "./expression.js";
import { Func, type Arg } from "./functions.js";
import type { CompileContext } from "./sql-expr.js";

/** `LOWER(x)`: `annotate({ lower: Lower("name") })`. */
export function Lower(arg: Arg): Func<string> {
  return new Func<string>("LOWER", [arg]);
}

/** `UPPER(x)`. */
export function Upper(arg: Arg): Func<string> {
  return new Func<string>("UPPER", [arg]);
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
