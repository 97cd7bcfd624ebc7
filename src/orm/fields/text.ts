import type { InternalType } from "../../db/operations.js";
import { ImproperlyConfigured } from "../errors.js";
import { Field, type FieldOptions, type NullOf, type PkOf } from "./field.js";
import { MaxLengthValidator, prohibitNullCharacters, validateEmail, validateSlug, validateUrl, type Validator } from "./validators.js";

export interface CharFieldOptions extends FieldOptions<string> {
  maxLength: number;
}

type TextKind = "CharField" | "TextField" | "EmailField" | "URLField" | "SlugField";

/** Character data; the kinds differ in default length and validators. */
export class TextFieldDef<Null extends boolean = boolean, Pk extends boolean = boolean> extends Field<string, Null, Pk> {
  readonly internalType: InternalType;
  override readonly maxLength?: number;

  constructor(readonly kind: TextKind, options: FieldOptions<string> & { maxLength?: number }, private readonly extra: Validator<string>[] = []) {
    super(options);
    this.internalType = kind === "TextField" ? "TextField" : kind === "SlugField" ? "SlugField" : "CharField";
    this.maxLength = options.maxLength;
  }

  protected override emptyValue(): string | null {
    return this.null ? null : "";
  }

  override toJs(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return typeof value === "string" ? value : String(value);
  }

  protected override builtinValidators(): Validator<string>[] {
    const limits = this.maxLength === undefined ? [] : [MaxLengthValidator(this.maxLength)];
    return [...limits, prohibitNullCharacters, ...this.extra];
  }
}

/** Django's `CharField(max_length=...)`: `maxLength` is required. */
export function CharField<const O extends CharFieldOptions>(options: O): TextFieldDef<NullOf<O>, PkOf<O>> {
  // Django's fields.E120/E121, at declaration.
  if (options?.maxLength === undefined) throw new ImproperlyConfigured("CharFields must define a 'maxLength' attribute.");
  if (!Number.isInteger(options.maxLength) || options.maxLength <= 0) {
    throw new ImproperlyConfigured("'maxLength' must be a positive integer.");
  }
  return new TextFieldDef("CharField", options);
}

/** Unbounded text. */
export function TextField<const O extends FieldOptions<string>>(options?: O): TextFieldDef<NullOf<O>, PkOf<O>> {
  return new TextFieldDef("TextField", options ?? {});
}

/** A CharField validated as an email address (max length 254 by default). */
export function EmailField<const O extends Partial<CharFieldOptions>>(options?: O): TextFieldDef<NullOf<O>, PkOf<O>> {
  return new TextFieldDef("EmailField", { maxLength: 254, ...options }, [validateEmail]);
}

/** A CharField validated as a URL (max length 200 by default). */
export function URLField<const O extends Partial<CharFieldOptions>>(options?: O): TextFieldDef<NullOf<O>, PkOf<O>> {
  return new TextFieldDef("URLField", { maxLength: 200, ...options }, [validateUrl]);
}

/** Letters, numbers, underscores, hyphens (max length 50, indexed by default). */
export function SlugField<const O extends Partial<CharFieldOptions>>(options?: O): TextFieldDef<NullOf<O>, PkOf<O>> {
  return new TextFieldDef("SlugField", { maxLength: 50, dbIndex: true, ...options }, [validateSlug]);
}
