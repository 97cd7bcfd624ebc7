import type { Field } from "../../index.js";
import { parseDateTime, normalizeUuid } from "../../db/values.js";
import { ForeignKeyDef } from "../../orm/relations/foreign-key.js";
import { fieldKind } from "../serializers/field-mapping.js";
import { keyInRange } from "../serializers/fields/relations.js";
import { ISO_DATE } from "../serializers/fields/temporal.js";
import { prohibitedCharacters } from "../serializers/fields/prohibited-characters.js";

/** A parsed filter value, a django-filter form error, or "ignore this parameter". */
export type FilterValue = { value: unknown } | { error: string } | { skip: true } | { none: true };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const INTEGER_KINDS = /IntegerField|AutoField/;
const INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices.";
const TRUE = new Set(["true", "True", "1"]);
const FALSE = new Set(["false", "False", "0"]);

/**
 * django-filter's default filter for a model field, reduced to its parsing step: the value
 * to compare with `exact`, or the form error django-filter reports (`Enter a number.`).
 */
export async function parseFilterValue(field: Field, raw: string): Promise<FilterValue> {
  if (field instanceof ForeignKeyDef) return parseForeignKey(field, raw);
  if (field.choices) {
    const match = field.choices.find(([value]) => String(value) === raw);
    return match ? { value: match[0] } : { error: `Select a valid choice. ${raw} is not one of the available choices.` };
  }
  const kind = fieldKind(field);
  if (INTEGER_KINDS.test(kind) || kind === "FloatField" || kind === "DecimalField") {
    if (!NUMBER.test(raw.trim())) return { error: "Enter a number." };
    const n = Number(raw);
    const value = kind === "DecimalField" ? raw.trim() : n;
    // Values no row can hold (fractions for integers, out of the column's range) match nothing.
    if (INTEGER_KINDS.test(kind) && !Number.isInteger(n)) return { none: true };
    return keyInRange(field, value) ? { value } : { none: true };
  }
  if (kind === "BooleanField") {
    if (TRUE.has(raw)) return { value: true };
    if (FALSE.has(raw)) return { value: false };
    return { skip: true };
  }
  if (kind === "DateTimeField") {
    const date = parseDateTime(raw);
    return date ? { value: date } : { error: "Enter a valid date/time." };
  }
  if (kind === "DateField") {
    return ISO_DATE.test(raw) && parseDateTime(raw) ? { value: raw } : { error: "Enter a valid date." };
  }
  if (kind === "UUIDField") {
    const uuid = normalizeUuid(raw);
    return uuid ? { value: uuid } : { error: "Enter a valid UUID." };
  }
  // django-filter's CharFilter is a forms.CharField: it prohibits NUL characters too.
  const refused = prohibitedCharacters(raw);
  return refused ? { error: refused } : { value: raw };
}

/** django-filter's `ModelChoiceFilter`: the key must name an existing object. */
async function parseForeignKey(field: ForeignKeyDef<any, boolean, boolean>, raw: string): Promise<FilterValue> {
  const { remote, targetField } = field.requireResolved();
  let key: unknown;
  try {
    key = targetField.toJs(raw);
  } catch {
    return { error: INVALID_CHOICE };
  }
  if (!keyInRange(targetField, key)) return { error: INVALID_CHOICE };
  const exists = await remote.model.objects.filter({ [targetField.name]: key }).exists();
  return exists ? { value: key } : { error: INVALID_CHOICE };
}
