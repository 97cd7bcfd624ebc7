import { SerializerField, type SerializerFieldOptions } from "./base.js";
import { codePointLength } from "./code-points.js";

export interface CharFieldOptions extends SerializerFieldOptions {
  maxLength?: number;
  minLength?: number;
  allowBlank?: boolean;
  trimWhitespace?: boolean;
  /** Extra checks (e.g. the model field's email/URL validators); throw ValidationError. */
  validators?: ((value: string) => void)[];
}

/** Text (DRF's `CharField`): numbers are coerced to strings, surrounding whitespace trimmed. */
export class CharField extends SerializerField<string> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    invalid: "Not a valid string.",
    blank: "This field may not be blank.",
    max_length: "Ensure this field has no more than {max_length} characters.",
    min_length: "Ensure this field has at least {min_length} characters.",
  };
  readonly type: string = "string";
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly allowBlank: boolean;
  readonly trimWhitespace: boolean;
  readonly validators: ((value: string) => void)[];

  constructor(options: CharFieldOptions = {}) {
    super(options);
    this.maxLength = options.maxLength;
    this.minLength = options.minLength;
    this.allowBlank = options.allowBlank ?? false;
    this.trimWhitespace = options.trimWhitespace ?? true;
    this.validators = options.validators ?? [];
  }

  toInternal(data: unknown): string {
    if (typeof data === "boolean" || (typeof data !== "string" && typeof data !== "number")) this.fail("invalid");
    let value = String(data);
    if (this.trimWhitespace) value = value.trim();
    if (value === "") {
      if (!this.allowBlank) this.fail("blank");
      return value;
    }
    // Django counts characters (code points), not UTF-16 units.
    const length = codePointLength(value, Math.max(this.maxLength ?? 0, this.minLength ?? 0));
    if (this.maxLength !== undefined && length > this.maxLength) this.fail("max_length", { max_length: this.maxLength });
    if (this.minLength !== undefined && length < this.minLength) this.fail("min_length", { min_length: this.minLength });
    for (const validate of this.validators) validate(value);
    return value;
  }

  override toRepresentation(value: unknown): unknown {
    return value === null || value === undefined ? value : String(value);
  }

  override metadata(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.maxLength !== undefined) out.max_length = this.maxLength;
    if (this.minLength !== undefined) out.min_length = this.minLength;
    return out;
  }
}
