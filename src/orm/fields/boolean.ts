import { Field, type FieldOptions, type NullOf, type PkOf } from "./field.js";

const TRUE = new Set([true, 1, "1", "t", "True", "true"]);
const FALSE = new Set([false, 0, "0", "f", "False", "false"]);

export class BooleanFieldDef<Null extends boolean = boolean, Pk extends boolean = boolean> extends Field<boolean, Null, Pk> {
  readonly internalType = "BooleanField" as const;
  readonly kind = "BooleanField";

  constructor(options: FieldOptions<boolean> = {}) {
    super(options, {
      invalid: options.null ? "“%(value)s” value must be either True, False, or None." : "“%(value)s” value must be either True or False.",
    });
  }

  override toJs(value: unknown): boolean | null {
    if (value === null || value === undefined) return null;
    if (TRUE.has(value as never)) return true;
    if (FALSE.has(value as never)) return false;
    throw this.error("invalid", { value: String(value) });
  }

  override isEmpty(value: unknown): boolean {
    return value === null || value === undefined || value === "";
  }
}

export function BooleanField<const O extends FieldOptions<boolean>>(options?: O): BooleanFieldDef<NullOf<O>, PkOf<O>> {
  return new BooleanFieldDef(options ?? {});
}
