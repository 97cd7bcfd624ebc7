import { Field, type FieldOptions, type NullOf, type PkOf } from "./field.js";

/** Any JSON value; the type parameter describes what you store. */
export class JSONFieldDef<T = unknown, Null extends boolean = boolean, Pk extends boolean = boolean> extends Field<T, Null, Pk> {
  readonly internalType = "JSONField" as const;
  readonly kind = "JSONField";

  constructor(options: FieldOptions<T> = {}) {
    super(options, { invalid: "Value must be valid JSON." });
  }

  override toJs(value: unknown): T | null {
    if (value === undefined) return null;
    try {
      JSON.stringify(value);
    } catch {
      throw this.error("invalid");
    }
    return value as T;
  }

  // JSON null is a value here, as in Django; an absent value is SQL NULL.
  override isEmpty(value: unknown): boolean {
    return value === undefined || value === "" ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === "object" && value !== null && Object.keys(value).length === 0);
  }
}

export function JSONField<T = unknown, const O extends FieldOptions<T> = FieldOptions<T>>(options?: O): JSONFieldDef<T, NullOf<O>, PkOf<O>> {
  return new JSONFieldDef<T, NullOf<O>, PkOf<O>>(options ?? {});
}
