import { SerializerField } from "./base.js";

const TRUE = new Set<unknown>(["t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1", 1, true]);
const FALSE = new Set<unknown>(["f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0", 0, false]);

/** Booleans, with the spellings forms and query strings use (DRF's `BooleanField`). */
export class BooleanField extends SerializerField<boolean> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    invalid: "Must be a valid boolean.",
  };
  readonly type = "boolean";

  toInternal(data: unknown): boolean {
    if (TRUE.has(data)) return true;
    if (FALSE.has(data)) return false;
    return this.fail("invalid");
  }

  override toRepresentation(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    return Boolean(value);
  }
}
