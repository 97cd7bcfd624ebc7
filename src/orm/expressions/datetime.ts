import type { DatePart } from "../../db/operations.js";
import { FieldError } from "../errors.js";
import { IntegerField } from "../fields/numeric.js";
import { DateField } from "../fields/temporal.js";
import { Expression, type ResolveContext } from "./expression.js";
import { argExpression, type Arg } from "./functions.js";
import { sqlExpr, type SqlExpr } from "./sql-expr.js";

/**
 * A part of a date or datetime as an integer (Django's `Extract`): the same SQL as the
 * `__year`, `__month`... lookups, from the backend's operations.
 *
 * ```ts
 * Question.objects.values({ year: ExtractYear("pub_date") }).annotate({ n: Count("id") });
 * ```
 */
export class ExtractExpression extends Expression<number> {
  constructor(readonly source: Arg, readonly part: DatePart) {
    super();
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const source = argExpression(this.source).resolve(ctx);
    const type = source.field?.internalType;
    if (type !== "DateField" && type !== "DateTimeField") throw new FieldError(`Extract input expression must be DateField or DateTimeField, got ${type ?? "an untyped expression"}.`);
    if (type === "DateField" && ["hour", "minute", "second"].includes(this.part)) throw new FieldError(`Cannot extract time component '${this.part}' from DateField.`);
    return sqlExpr(IntegerField(), (c) => c.ops.datePart(this.part, source.sql(c), type), [source]);
  }
}

export function Extract(source: Arg, part: DatePart): ExtractExpression {
  return new ExtractExpression(source, part);
}

export const ExtractYear = (source: Arg) => Extract(source, "year");
export const ExtractQuarter = (source: Arg) => Extract(source, "quarter");
export const ExtractMonth = (source: Arg) => Extract(source, "month");
export const ExtractDay = (source: Arg) => Extract(source, "day");
export const ExtractWeekDay = (source: Arg) => Extract(source, "week_day");
export const ExtractHour = (source: Arg) => Extract(source, "hour");
export const ExtractMinute = (source: Arg) => Extract(source, "minute");
export const ExtractSecond = (source: Arg) => Extract(source, "second");

/** The date of a datetime (Django's `TruncDate`). */
export class TruncDateExpression extends Expression<string> {
  constructor(readonly source: Arg) {
    super();
  }

  resolve(ctx: ResolveContext): SqlExpr {
    const source = argExpression(this.source).resolve(ctx);
    if (source.field?.internalType !== "DateTimeField") throw new FieldError("TruncDate input expression must be a DateTimeField.");
    return sqlExpr(DateField(), (c) => c.ops.dateOf(source.sql(c)), [source]);
  }
}

export function TruncDate(source: Arg): TruncDateExpression {
  return new TruncDateExpression(source);
}
