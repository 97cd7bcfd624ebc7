import { normalizeUuid } from "../../db/values.js";
import { Field, type FieldOptions, type NullOf, type PkOf } from "./field.js";

/** A UUID held as its canonical dashed lower-case string. */
export class UUIDFieldDef<Null extends boolean = boolean, Pk extends boolean = boolean> extends Field<string, Null, Pk> {
  readonly internalType = "UUIDField" as const;
  readonly kind = "UUIDField";

  constructor(options: FieldOptions<string> = {}) {
    super(options, { invalid: "“%(value)s” is not a valid UUID." });
  }

  override toJs(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    const uuid = typeof value === "string" ? normalizeUuid(value) : null;
    if (!uuid) throw this.error("invalid", { value: String(value) });
    return uuid;
  }
}

export function UUIDField<const O extends FieldOptions<string>>(options?: O): UUIDFieldDef<NullOf<O>, PkOf<O>> {
  return new UUIDFieldDef(options ?? {});
}
