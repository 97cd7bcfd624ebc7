import { ModelTypeError } from "../errors.js";
import type { Field } from "../fields/field.js";
import { DateFieldDef, DateTimeFieldDef } from "../fields/temporal.js";
import { ForeignKeyDef } from "../relations/foreign-key.js";
import type { Options } from "./options.js";

type Instance = Record<string, unknown>;

/**
 * Fill a new instance from constructor data (Django's `Model.__init__`): relation fields take an
 * instance (`place`) or a key (`place_id`), missing fields get their default.
 */
export function initInstance(instance: Instance, options: Options, data: Record<string, unknown>): void {
  let used = 0;
  for (const field of options.fields) {
    if (field instanceof ForeignKeyDef && data[field.name] !== undefined) {
      used++;
      instance[field.attname] = null;
      instance[field.name] = data[field.name];
      continue;
    }
    if (field.attname in data && data[field.attname] !== undefined) {
      used++;
      instance[field.attname] = asDeclaredType(field, data[field.attname]);
    } else if (field.name !== field.attname && field.name in data) {
      used++;
      instance[field.attname] = null;
    } else {
      instance[field.attname] = field.getDefault();
    }
  }
  if (data.pk !== undefined && !(options.pk.attname in data) && !(options.pk.name in data)) {
    used++;
    instance[options.pk.attname] = data.pk;
  }
  if (used < definedKeys(data)) {
    const known = new Set(["pk", ...options.fields.flatMap((f) => [f.name, f.attname])]);
    const unknown = Object.keys(data).filter((k) => !known.has(k));
    const m2m = unknown.filter((k) => options.manyToMany.some((f) => f.name === k));
    if (m2m.length) {
      throw new ModelTypeError(`Direct assignment to the forward side of a many-to-many set is prohibited. Use ${m2m[0]}.set() instead.`);
    }
    if (unknown.length) {
      throw new ModelTypeError(`${options.objectName}() got unexpected keyword arguments: ${unknown.map((k) => `'${k}'`).join(", ")}`);
    }
  }
}

/** How many keys of `data` have a value (counted without building arrays: this runs per object). */
function definedKeys(data: Record<string, unknown>): number {
  let count = 0;
  for (const key in data) if (Object.hasOwn(data, key) && data[key] !== undefined) count++;
  return count;
}

/**
 * Keep instance values of the declared type where the input form differs: a Date given to a
 * DateField becomes "YYYY-MM-DD", a string given to a DateTimeField a Date. A value that does
 * not parse is kept as given, for fullClean() or save() to report.
 */
function asDeclaredType(field: Field, value: unknown): unknown {
  const convert = (field instanceof DateFieldDef && value instanceof Date) || (field instanceof DateTimeFieldDef && typeof value === "string");
  if (!convert) return value;
  try {
    return field.toJs(value);
  } catch {
    return value;
  }
}
