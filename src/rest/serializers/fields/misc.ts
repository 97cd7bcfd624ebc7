import { normalizeUuid } from "../../../db/values.js";
import { SerializerField, type SerializerFieldOptions } from "./base.js";

/** Any JSON value (DRF's `JSONField`); form input is parsed as JSON text. */
export class JSONField extends SerializerField<unknown> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    invalid: "Value must be valid JSON.",
  };
  readonly type = "json";

  toInternal(data: unknown): unknown {
    return data;
  }
}

/** UUIDs in any of the usual spellings, rendered dashed (DRF's `UUIDField`). */
export class UUIDField extends SerializerField<string> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    invalid: "Must be a valid UUID.",
  };
  readonly type = "string";

  toInternal(data: unknown): string {
    const value = typeof data === "string" ? normalizeUuid(data) : null;
    if (!value) this.fail("invalid");
    return value;
  }
}

/** What a read-only field takes: everything but `readOnly`, which it always is. */
export type ReadOnlyFieldOptions = Omit<SerializerFieldOptions, "readOnly">;

/** A field that only renders an attribute (DRF's `ReadOnlyField`); the base of computed fields. */
export class ReadOnlyField extends SerializerField<unknown> {
  readonly type = "field";

  constructor(options: ReadOnlyFieldOptions = {}) {
    super({ ...options, readOnly: true });
  }

  toInternal(data: unknown): unknown {
    return data;
  }
}
