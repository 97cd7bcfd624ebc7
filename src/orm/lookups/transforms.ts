import type { DatePart } from "../../db/operations.js";
import type { Field } from "../fields/field.js";
import { DateFieldDef } from "../fields/temporal.js";
import { IntegerFieldDef } from "../fields/numeric.js";

/**
 * Transforms usable before a lookup (`pub_date__year__gte`). Each names the field kinds it
 * applies to and the field describing its output.
 */
export interface Transform {
  appliesTo: ReadonlySet<string>;
  output: () => Field;
  part?: DatePart;
}

const DATES = new Set(["DateField", "DateTimeField"]);
const DATETIMES = new Set(["DateTimeField"]);
const integer = () => new IntegerFieldDef("IntegerField");

const datePart = (part: DatePart, appliesTo = DATES): Transform => ({ appliesTo, output: integer, part });

export const TRANSFORMS: Record<string, Transform> = {
  year: datePart("year"),
  month: datePart("month"),
  day: datePart("day"),
  week_day: datePart("week_day"),
  quarter: datePart("quarter"),
  hour: datePart("hour", DATETIMES),
  minute: datePart("minute", DATETIMES),
  second: datePart("second", DATETIMES),
  date: { appliesTo: DATETIMES, output: () => new DateFieldDef() },
};

export function findTransform(field: Field, name: string): Transform | undefined {
  const transform = Object.hasOwn(TRANSFORMS, name) ? TRANSFORMS[name] : undefined;
  return transform && transform.appliesTo.has(field.internalType) ? transform : undefined;
}
