import { formatDecimal } from "../../../db/values.js";
import { SerializerField, type SerializerFieldOptions } from "./base.js";

export interface NumberFieldOptions extends SerializerFieldOptions {
  maxValue?: number;
  minValue?: number;
  /** Extra checks (the model field's own validators and column range); throw ValidationError. */
  validators?: ((value: number | string) => void)[];
  /** Enforce `maxValue`/`minValue` without reporting them in OPTIONS and OpenAPI. */
  hideBounds?: boolean;
}

const MAX_STRING_LENGTH = 1000;
/** DRF strips a zero fraction before int(): "1.0" and 1.0 are 1. */
const ZERO_FRACTION = /\.0*\s*$/;
const INTEGER_TEXT = /^[-+]?\d+$/;
/** Sign, whole digits, fraction digits. */
const DECIMAL_TEXT = /^([-+]?)(\d*)(?:\.(\d*))?$/;

abstract class NumberField<T> extends SerializerField<T> {
  readonly maxValue?: number;
  readonly minValue?: number;
  readonly validators: ((value: number | string) => void)[];
  readonly hideBounds: boolean;

  constructor(options: NumberFieldOptions = {}) {
    super(options);
    this.maxValue = options.maxValue;
    this.minValue = options.minValue;
    this.validators = options.validators ?? [];
    this.hideBounds = options.hideBounds ?? false;
  }

  /** A number or numeric text as sent; other types fail `invalid`, overlong text `max_string_length`. */
  protected numberInput(data: unknown): number | string {
    if (typeof data === "string" && data.length > MAX_STRING_LENGTH) this.fail("max_string_length");
    if (typeof data !== "string" && typeof data !== "number") this.fail("invalid");
    return data;
  }

  protected checkRange(value: number, checked: number | string = value): void {
    if (this.maxValue !== undefined && value > this.maxValue) this.fail("max_value", { max_value: this.maxValue });
    if (this.minValue !== undefined && value < this.minValue) this.fail("min_value", { min_value: this.minValue });
    for (const validate of this.validators) validate(checked);
  }

  override metadata(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.hideBounds) return out;
    if (this.maxValue !== undefined) out.max_value = this.maxValue;
    if (this.minValue !== undefined) out.min_value = this.minValue;
    return out;
  }
}

const RANGE_MESSAGES = {
  max_value: "Ensure this value is less than or equal to {max_value}.",
  min_value: "Ensure this value is greater than or equal to {min_value}.",
  max_string_length: "String value too large.",
};

/** Whole numbers (DRF's `IntegerField`); numeric strings as sent by forms and httpie are accepted. */
export class IntegerField extends NumberField<number> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    ...RANGE_MESSAGES,
    invalid: "A valid integer is required.",
  };
  readonly type = "integer";

  toInternal(data: unknown): number {
    const text = String(this.numberInput(data)).replace(ZERO_FRACTION, "").trim();
    if (!INTEGER_TEXT.test(text)) this.fail("invalid");
    const value = Number(text);
    // Python's int has no size limit: a huge integer is still an integer, and meets the bounds.
    if (!Number.isSafeInteger(value)) {
      const big = BigInt(text);
      if (this.maxValue !== undefined && big > BigInt(this.maxValue)) this.fail("max_value", { max_value: this.maxValue });
      if (this.minValue !== undefined && big < BigInt(this.minValue)) this.fail("min_value", { min_value: this.minValue });
      // No bound to report, but no JS number holds it exactly either.
      this.fail(big > 0n ? "max_value" : "min_value", big > 0n ? { max_value: Number.MAX_SAFE_INTEGER } : { min_value: -Number.MAX_SAFE_INTEGER });
    }
    this.checkRange(value);
    return value;
  }
}

/** Floating point numbers (DRF's `FloatField`). */
export class FloatField extends NumberField<number> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    ...RANGE_MESSAGES,
    invalid: "A valid number is required.",
  };
  readonly type = "float";

  toInternal(data: unknown): number {
    const input = this.numberInput(data);
    const value = typeof input === "number" ? input : input.trim() === "" ? NaN : Number(input);
    if (!Number.isFinite(value)) this.fail("invalid");
    this.checkRange(value);
    return value;
  }
}

export interface DecimalFieldOptions extends NumberFieldOptions {
  maxDigits?: number;
  decimalPlaces?: number;
}

/** Exact decimals, held and rendered as strings (DRF's `COERCE_DECIMAL_TO_STRING`). */
export class DecimalField extends NumberField<string> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    ...RANGE_MESSAGES,
    invalid: "A valid number is required.",
    max_digits: "Ensure that there are no more than {max_digits} digits in total.",
    max_decimal_places: "Ensure that there are no more than {max_decimal_places} decimal places.",
    max_whole_digits: "Ensure that there are no more than {max_whole_digits} digits before the decimal point.",
  };
  readonly type = "decimal";
  readonly maxDigits?: number;
  readonly decimalPlaces?: number;

  constructor(options: DecimalFieldOptions = {}) {
    super(options);
    this.maxDigits = options.maxDigits;
    this.decimalPlaces = options.decimalPlaces;
  }

  toInternal(data: unknown): string {
    if (typeof data !== "string" && typeof data !== "number") this.fail("invalid");
    const text = String(data).trim();
    const m = DECIMAL_TEXT.exec(text);
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) this.fail("invalid");
    const whole = (m[2] ?? "").replace(/^0+/, "");
    const fraction = (m[3] ?? "").replace(/0+$/, "");
    if (this.maxDigits !== undefined && whole.length + fraction.length > this.maxDigits) this.fail("max_digits", { max_digits: this.maxDigits });
    if (this.decimalPlaces !== undefined && fraction.length > this.decimalPlaces) {
      this.fail("max_decimal_places", { max_decimal_places: this.decimalPlaces });
    }
    if (this.maxDigits !== undefined && this.decimalPlaces !== undefined && whole.length > this.maxDigits - this.decimalPlaces) {
      this.fail("max_whole_digits", { max_whole_digits: this.maxDigits - this.decimalPlaces });
    }
    this.checkRange(Number(text), text);
    return formatDecimal(`${m[1] === "-" ? "-" : ""}${m[2] || "0"}.${m[3] ?? ""}`, this.decimalPlaces);
  }

  override toRepresentation(value: unknown): unknown {
    return value === null || value === undefined ? value : formatDecimal(value, this.decimalPlaces);
  }

  override metadata(): Record<string, unknown> {
    const out = super.metadata();
    if (this.maxDigits !== undefined) out.max_digits = this.maxDigits;
    if (this.decimalPlaces !== undefined) out.decimal_places = this.decimalPlaces;
    return out;
  }
}
