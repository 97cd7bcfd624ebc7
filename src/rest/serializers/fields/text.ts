import { ErrorDetail } from "../../errors/error-detail.js";
import { ValidationError } from "../../errors/exceptions.js";
import { SerializerField, type SerializerFieldOptions } from "./base.js";
import { codePointLength } from "./code-points.js";
import { prohibitedCharacterMessages } from "./prohibited-characters.js";

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
    // DRF runs every validator and reports each failure: lengths, then NUL and surrogates.
    const errors: ErrorDetail[] = [];
    if (this.maxLength !== undefined && length > this.maxLength) errors.push(this.detail("max_length", { max_length: this.maxLength }));
    if (this.minLength !== undefined && length < this.minLength) errors.push(this.detail("min_length", { min_length: this.minLength }));
    for (const { message, code } of prohibitedCharacterMessages(value)) errors.push(new ErrorDetail(message, code));
    const pattern = this.patternError(value);
    if (pattern) errors.push(pattern);
    for (const validate of this.validators) {
      try {
        validate(value);
      } catch (error) {
        // The model's validators (email, URL) add their messages to the list, as DRF's run_validators.
        if (!(error instanceof ValidationError) || !Array.isArray(error.detail)) throw error;
        errors.push(...(error.detail as ErrorDetail[]));
      }
    }
    if (errors.length) throw new ValidationError(errors);
    return value;
  }

  /** A subclass's own format check (DRF's SlugField regex), run after the common validators. */
  protected patternError(_value: string): ErrorDetail | null {
    return null;
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

/** DRF's `EmailField`: OPTIONS says `email`; the model's EmailValidator checks the address. */
export class EmailField extends CharField {
  override readonly type: string = "email";

  override openApiType(): Record<string, unknown> {
    return { type: "string", format: "email" };
  }
}

/** DRF's `URLField`: OPTIONS says `url`; the model's URLValidator checks the address. */
export class URLField extends CharField {
  override readonly type: string = "url";

  override openApiType(): Record<string, unknown> {
    return { type: "string", format: "uri" };
  }
}

const SLUG = /^[-a-zA-Z0-9_]+$/;

/** DRF's `SlugField`, with its own message (straight quotes, unlike Django's model validator). */
export class SlugField extends CharField {
  static override defaultErrorMessages = {
    ...CharField.defaultErrorMessages,
    invalid: 'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.',
  };
  override readonly type: string = "slug";

  protected override patternError(value: string): ErrorDetail | null {
    return SLUG.test(value) ? null : this.detail("invalid");
  }

  override openApiType(): Record<string, unknown> {
    return { type: "string", pattern: SLUG.source };
  }
}
