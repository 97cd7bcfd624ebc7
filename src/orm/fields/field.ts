import type { InternalType, Operations } from "../../db/operations.js";
import { ValidationError, type ValidationMessage } from "../errors.js";
import type { Validator } from "./validators.js";

/** Choices as `[value, label]` pairs. */
export type Choices<T> = readonly (readonly [T, string])[];

/**
 * Choices as declared: pairs, or named groups of pairs as Django allows
 * (`[["Audio", [["vinyl", "Vinyl"], ["cd", "CD"]]], ["unknown", "Unknown"]]`).
 */
export type ChoicesInput<T> = readonly (readonly [T, string] | readonly [string, Choices<T>])[];

/** The pairs of possibly grouped choices (Django's `flatchoices`). */
export function flattenChoices<T>(choices: ChoicesInput<T>): Choices<T> {
  return choices.flatMap((entry) => (Array.isArray(entry[1]) ? (entry[1] as Choices<T>) : [entry as readonly [T, string]]));
}

/** Options every field accepts (Django's `Field.__init__`). */
export interface FieldOptions<T = unknown> {
  null?: boolean;
  blank?: boolean;
  /** A value, or a function called for each new instance. */
  default?: T | (() => T);
  unique?: boolean;
  choices?: ChoicesInput<T>;
  primaryKey?: boolean;
  dbColumn?: string;
  dbIndex?: boolean;
  validators?: Validator<T>[];
  editable?: boolean;
  helpText?: string;
  verboseName?: string;
  /** Override of Django's built-in messages, keyed by code. */
  errorMessages?: Record<string, string>;
}

/** Phantom type information the model types read; never present at run time. */
export interface FieldTypes<T, Null extends boolean, Pk extends boolean> {
  value: T;
  null: Null;
  pk: Pk;
}

/** Was `null: true` given? */
export type NullOf<O> = O extends { null: true } ? true : false;
/** Was `primaryKey: true` given? */
export type PkOf<O> = O extends { primaryKey: true } ? true : false;

/** Django's `Field.default_error_messages`. */
const BASE_MESSAGES: Record<string, string> = {
  invalid_choice: "Value %(value)r is not a valid choice.",
  null: "This field cannot be null.",
  blank: "This field cannot be blank.",
  unique: "%(model_name)s with this %(field_label)s already exists.",
};

/**
 * A model field: knows its column, how to coerce and validate values, and how its values cross
 * into and out of the database (through the backend's operations). Concrete kinds live in
 * sibling files; relations in `orm/relations`.
 */
export abstract class Field<T = unknown, Null extends boolean = boolean, Pk extends boolean = boolean> {
  declare readonly __types?: FieldTypes<T, Null, Pk>;
  abstract readonly internalType: InternalType;
  /** Set when the model is defined. */
  name = "";
  attname = "";
  column = "";
  /** The Options of the owning model; set on contribution. */
  model!: import("../model/options.js").Options;
  readonly null: boolean;
  blank: boolean;
  readonly unique: boolean;
  readonly primaryKey: boolean;
  readonly dbIndex: boolean;
  readonly editable: boolean;
  readonly choices?: Choices<T>;
  readonly helpText: string;
  readonly validators: Validator<T>[];
  /** Kind flags that relation fields override. */
  readonly isRelation: boolean = false;
  readonly concrete: boolean = true;
  readonly maxLength?: number;
  protected readonly errorMessages: Record<string, string>;
  private readonly explicitVerboseName?: string;

  constructor(readonly options: FieldOptions<T> = {}, messages: Record<string, string> = {}) {
    this.null = options.null ?? false;
    this.blank = options.blank ?? false;
    this.primaryKey = options.primaryKey ?? false;
    this.unique = (options.unique ?? false) || this.primaryKey;
    this.dbIndex = options.dbIndex ?? false;
    this.editable = options.editable ?? true;
    this.choices = options.choices && flattenChoices(options.choices);
    this.helpText = options.helpText ?? "";
    this.validators = options.validators ?? [];
    this.explicitVerboseName = options.verboseName;
    this.errorMessages = { ...BASE_MESSAGES, ...messages, ...options.errorMessages };
  }

  /** Called once by the model definition. */
  contribute(name: string): void {
    this.name = name;
    this.attname = name;
    this.column = this.options.dbColumn ?? name;
  }

  get verboseName(): string {
    return this.explicitVerboseName ?? this.name.replace(/_/g, " ");
  }

  hasDefault(): boolean {
    return this.options.default !== undefined;
  }

  /** The default for a new instance: the option (called if a function), else null. */
  getDefault(): T | null {
    const d = this.options.default;
    if (d === undefined) return this.emptyValue();
    if (typeof d === "function") return (d as () => T)();
    // A plain object or array given as the default is copied, so instances never share it
    // (Django warns about such defaults, fields.E010).
    if (typeof d === "object" && d !== null && (Array.isArray(d) || Object.getPrototypeOf(d) === Object.prototype)) {
      return structuredClone(d);
    }
    return d;
  }

  /** What a missing value starts as (Django uses '' for non-null char fields). */
  protected emptyValue(): T | null {
    return null;
  }

  /**
   * Coerce a value to this field's JS type, or throw ValidationError (Django's `to_python`).
   * null passes through; `fullClean` reports null separately.
   */
  toJs(value: unknown): T | null {
    return value as T | null;
  }

  /** Prepare a value used in a query lookup (may be a string from a URL). */
  prepValue(value: unknown): unknown {
    return value === null || value === undefined ? null : this.toJs(value);
  }

  /** JS value → driver value. */
  toDb(ops: Operations, value: unknown): unknown {
    return ops.toDb(this.internalType, value);
  }

  /** Driver value → JS value. */
  fromDb(ops: Operations, value: unknown): unknown {
    return ops.fromDb(this.internalType, value);
  }

  /** A value computed at save time (auto timestamps); returns the value to store. */
  preSave(instance: Record<string, unknown>, _adding: boolean): unknown {
    return instance[this.attname];
  }

  /** Values treated as empty for `blank`. */
  isEmpty(value: unknown): boolean {
    return value === null || value === undefined || value === "" ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === "object" && value !== null && !(value instanceof Date) && Object.keys(value).length === 0);
  }

  protected error(code: string, params?: Record<string, unknown>): ValidationError {
    return new ValidationError({ message: this.errorMessages[code] ?? code, code, params });
  }

  /** Django's `Field.validate`: choices, null, blank. */
  validate(value: T | null): void {
    if (this.choices && value !== null && value !== undefined && !this.isEmpty(value)) {
      if (!this.choices.some(([choice]) => choice === value)) throw this.error("invalid_choice", { value: pyRepr(value) });
    }
    if (value === null && !this.null) throw this.error("null");
    if (!this.blank && this.isEmpty(value)) throw this.error("blank");
  }

  /** Run the field's validators, collecting every message. */
  runValidators(value: T | null): void {
    if (value === null || this.isEmpty(value)) return;
    const errors: ValidationMessage[] = [];
    for (const validator of [...this.builtinValidators(), ...this.validators]) {
      try {
        validator(value);
      } catch (error) {
        if (error instanceof ValidationError) errors.push(...error.errorList);
        else throw error;
      }
    }
    if (errors.length) throw new ValidationError(errors);
  }

  /** Validators implied by options (max length, number ranges). */
  protected builtinValidators(): Validator<T>[] {
    return [];
  }

  /** Coerce, validate and run validators; returns the clean value (Django's `Field.clean`). */
  clean(value: unknown): T | null {
    const js = this.toJs(value);
    this.validate(js);
    this.runValidators(js);
    return js;
  }

  describe(): string {
    return this.model ? `${this.model.objectName}.${this.name}` : this.name;
  }
}

/** Python's repr of a value, as Django's messages show it ('x', 1, True). */
export function pyRepr(value: unknown): string {
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value === null || value === undefined) return "None";
  return String(value);
}
