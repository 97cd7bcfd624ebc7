import { normalizeUuid } from "../../../db/values.js";
import { ErrorDetail } from "../../errors/error-detail.js";
import { ValidationError } from "../../errors/exceptions.js";
import { SerializerField, type SerializerFieldOptions } from "./base.js";
import { prohibitedInJson } from "./prohibited-characters.js";

/** Any JSON value (DRF's `JSONField`); form input is parsed as JSON text. */
export class JSONField extends SerializerField<unknown> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    invalid: "Value must be valid JSON.",
  };
  /** DRF's SimpleMetadata has no label for JSONField: it reports the base `field`. */
  readonly type = "field";

  override openApiType(): Record<string, unknown> {
    return {};
  }

  toInternal(data: unknown): unknown {
    // Not in DRF, which leaves it to the database: PostgreSQL's jsonb refuses both (a 500 there).
    const refused = prohibitedInJson(data);
    if (refused) throw new ValidationError([new ErrorDetail(refused, "invalid")]);
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
