import { QueryDict } from "../http/query-dict.js";
import { BooleanField } from "./fields/boolean.js";
import { empty, type Empty, type SerializerField } from "./fields/base.js";

/**
 * The value of one field in the request data (DRF's `Field.get_value`). Form bodies (QueryDict)
 * follow DRF's HTML-input rules: an absent checkbox is false, "" means null or "not given".
 */
export function readValue(data: Record<string, unknown> | QueryDict, field: SerializerField, partial: boolean): unknown | Empty {
  if (!(data instanceof QueryDict)) return Object.hasOwn(data, field.name) ? data[field.name] : empty;
  if (!data.has(field.name)) {
    if (partial) return empty;
    return field instanceof BooleanField ? false : empty;
  }
  const value = data.get(field.name);
  if (value === "") {
    const allowBlank = (field as { allowBlank?: boolean }).allowBlank === true;
    if (field.allowNull) return allowBlank ? "" : null;
    if (!field.required) return allowBlank ? "" : empty;
  }
  return value;
}
