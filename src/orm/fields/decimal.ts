import { quantizeDecimal } from "../../db/decimal.js";
import type { Operations } from "../../db/operations.js";
import { ImproperlyConfigured, ValidationError } from "../errors.js";
import { Field, type FieldOptions, type NullOf, type PkOf } from "./field.js";
import type { Validator } from "./validators.js";

export interface DecimalFieldOptions extends FieldOptions<string | number> {
  maxDigits: number;
  decimalPlaces: number;
}

const DECIMAL_RE = /^([-+]?)(\d*)(?:\.(\d*))?$/;

/**
 * Exact decimals. Values are strings ("12.50") so digits never pass through a JS float;
 * numbers are accepted on input.
 */
export class DecimalFieldDef<Null extends boolean = boolean, Pk extends boolean = boolean> extends Field<string, Null, Pk> {
  readonly internalType = "DecimalField" as const;
  readonly kind = "DecimalField";
  readonly maxDigits: number;
  readonly decimalPlaces: number;

  constructor(options: DecimalFieldOptions) {
    super(options as FieldOptions<string>, { invalid: "“%(value)s” value must be a decimal number." });
    // Django's fields.E130-E134, at declaration.
    const { maxDigits, decimalPlaces } = options;
    if (decimalPlaces === undefined) throw new ImproperlyConfigured("DecimalFields must define a 'decimalPlaces' attribute.");
    if (!Number.isInteger(decimalPlaces) || decimalPlaces < 0) throw new ImproperlyConfigured("'decimalPlaces' must be a non-negative integer.");
    if (maxDigits === undefined) throw new ImproperlyConfigured("DecimalFields must define a 'maxDigits' attribute.");
    if (!Number.isInteger(maxDigits) || maxDigits <= 0) throw new ImproperlyConfigured("'maxDigits' must be a positive integer.");
    if (maxDigits < decimalPlaces) throw new ImproperlyConfigured("'maxDigits' must be greater or equal to 'decimalPlaces'.");
    this.maxDigits = options.maxDigits;
    this.decimalPlaces = options.decimalPlaces;
  }

  override toJs(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value === "number" && !Number.isFinite(value)) throw this.error("invalid", { value: String(value) });
    const text = typeof value === "number" ? String(value) : String(value).trim();
    const m = DECIMAL_RE.exec(text);
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw this.error("invalid", { value: String(value) });
    const sign = m[1] === "-" ? "-" : "";
    const int = m[2]!.replace(/^0+(?=\d)/, "") || "0";
    const frac = m[3] ?? "";
    return frac ? `${sign}${int}.${frac}` : `${sign}${int}`;
  }

  override fromDb(ops: Operations, value: unknown): unknown {
    return ops.fromDb("DecimalField", value, this.decimalPlaces);
  }

  override toDb(ops: Operations, value: unknown): unknown {
    // Quantized half to even, as Django's adapt_decimalfield_value (never truncated).
    return value === null || value === undefined ? null : ops.toDb("DecimalField", quantizeDecimal(this.toJs(value), this.decimalPlaces));
  }

  protected override builtinValidators(): Validator<string>[] {
    return [(value) => {
      const [int = "", frac = ""] = value.replace(/^[-+]/, "").split(".");
      const digits = (int.replace(/^0+/, "") + frac).length;
      const whole = int.replace(/^0+/, "").length;
      const fail = (message: string, code: string, max: number) => {
        throw new ValidationError({ message, code, params: { max } });
      };
      if (digits > this.maxDigits) fail("Ensure that there are no more than %(max)s digits in total.", "max_digits", this.maxDigits);
      if (frac.length > this.decimalPlaces) {
        fail("Ensure that there are no more than %(max)s decimal places.", "max_decimal_places", this.decimalPlaces);
      }
      if (whole > this.maxDigits - this.decimalPlaces) {
        fail("Ensure that there are no more than %(max)s digits before the decimal point.", "max_whole_digits",
          this.maxDigits - this.decimalPlaces);
      }
    }];
  }
}

export function DecimalField<const O extends DecimalFieldOptions>(options: O): DecimalFieldDef<NullOf<O>, PkOf<O>> {
  return new DecimalFieldDef(options);
}
