import type { InternalType } from "../../db/operations.js";
import { Field, type FieldOptions, type NullOf, type PkOf } from "./field.js";
import { MaxValueValidator, MinValueValidator, type Validator } from "./validators.js";

type IntegerKind =
  | "AutoField" | "BigAutoField" | "SmallAutoField" | "IntegerField" | "SmallIntegerField" | "BigIntegerField"
  | "PositiveIntegerField" | "PositiveSmallIntegerField" | "PositiveBigIntegerField";

// The ranges Django's backends enforce; BigInteger is limited to what a JS number holds exactly.
const RANGES: Record<IntegerKind, [number, number]> = {
  AutoField: [-2147483648, 2147483647],
  SmallAutoField: [-32768, 32767],
  BigAutoField: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  IntegerField: [-2147483648, 2147483647],
  SmallIntegerField: [-32768, 32767],
  BigIntegerField: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  PositiveIntegerField: [0, 2147483647],
  PositiveSmallIntegerField: [0, 32767],
  PositiveBigIntegerField: [0, Number.MAX_SAFE_INTEGER],
};

/** Whole numbers; the auto kinds are database-generated primary keys. */
export class IntegerFieldDef<Null extends boolean = boolean, Pk extends boolean = boolean> extends Field<number, Null, Pk> {
  readonly internalType: InternalType;
  readonly isAuto: boolean;

  constructor(readonly kind: IntegerKind, options: FieldOptions<number> = {}) {
    super(options, { invalid: "“%(value)s” value must be an integer." });
    this.internalType = kind;
    this.isAuto = kind.endsWith("AutoField");
    if (this.isAuto) this.blank = true;
  }

  override toJs(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "bigint") return Number(value);
    if (typeof value === "boolean") return value ? 1 : 0;
    const text = String(value).trim();
    if (/^[-+]?\d+$/.test(text)) return Number(text);
    throw this.error("invalid", { value: String(value) });
  }

  /** The values the column holds (Django's `connection.ops.integer_field_range`), as validated. */
  get range(): readonly [number, number] {
    return RANGES[this.kind];
  }

  protected override builtinValidators(): Validator<number>[] {
    const [min, max] = RANGES[this.kind];
    return [MinValueValidator(min), MaxValueValidator(max)];
  }
}

function integer(kind: IntegerKind) {
  return <const O extends FieldOptions<number>>(options?: O): IntegerFieldDef<NullOf<O>, PkOf<O>> =>
    new IntegerFieldDef(kind, options ?? {});
}

function autoField(kind: IntegerKind) {
  return <const O extends FieldOptions<number>>(options?: O): IntegerFieldDef<NullOf<O>, true> =>
    new IntegerFieldDef(kind, { primaryKey: true, ...options }) as IntegerFieldDef<NullOf<O>, true>;
}

export const AutoField = autoField("AutoField");
export const BigAutoField = autoField("BigAutoField");
export const SmallAutoField = autoField("SmallAutoField");
export const IntegerField = integer("IntegerField");
export const SmallIntegerField = integer("SmallIntegerField");
export const BigIntegerField = integer("BigIntegerField");
export const PositiveIntegerField = integer("PositiveIntegerField");
export const PositiveSmallIntegerField = integer("PositiveSmallIntegerField");
export const PositiveBigIntegerField = integer("PositiveBigIntegerField");

/** Floating point numbers. */
export class FloatFieldDef<Null extends boolean = boolean, Pk extends boolean = boolean> extends Field<number, Null, Pk> {
  readonly internalType = "FloatField" as const;
  readonly kind = "FloatField";

  constructor(options: FieldOptions<number> = {}) {
    super(options, { invalid: "“%(value)s” value must be a float." });
  }

  override toJs(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    if (Number.isNaN(n)) throw this.error("invalid", { value: String(value) });
    return n;
  }
}

export function FloatField<const O extends FieldOptions<number>>(options?: O): FloatFieldDef<NullOf<O>, PkOf<O>> {
  return new FloatFieldDef(options ?? {});
}
