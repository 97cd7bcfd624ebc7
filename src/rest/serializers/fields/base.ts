import { formatMessage } from "../../errors/catalogue.js";
import { ErrorDetail } from "../../errors/error-detail.js";
import { ValidationError } from "../../errors/exceptions.js";

/** Marks a value the client did not send (DRF's `empty`). */
export const empty: unique symbol = Symbol("empty");
export type Empty = typeof empty;

/** Options every serializer field takes (DRF's `Field.__init__`). */
export interface SerializerFieldOptions {
  readOnly?: boolean;
  writeOnly?: boolean;
  /** Defaults to true for writable fields without a default. */
  required?: boolean;
  allowNull?: boolean;
  label?: string;
  helpText?: string;
  /** Instance attribute the value is read from and written to (the field name by default). */
  source?: string;
  /** Per-code message overrides, merged over the class's `defaultErrorMessages`. */
  errorMessages?: Record<string, string>;
}

/** What fields may consult while rendering: the batch-loaded values of the current page. */
export interface RenderContext {
  /** Path the app is mounted under ("" at the root). */
  readonly basePath: string;
  /** Values loaded by `preload` for this render, by field. */
  readonly preloaded: Map<SerializerField, Map<unknown, unknown>>;
  /** The route's URL parameters (`<version>` in a prefix), for links. */
  readonly params?: Readonly<Record<string, string>>;
  /** The serializer rendering (for `SerializerMethodField` and nested serializers). */
  readonly serializer?: object;
}

/**
 * One key of a serializer (DRF's `serializers.Field`): turns a request value into a Python-ish
 * internal value (`toInternal`, throwing a `ValidationError` with a message from the field's
 * error map) and an instance attribute into JSON (`toRepresentation`).
 */
export abstract class SerializerField<T = unknown> {
  /** DRF's `default_error_messages`; subclasses extend it. */
  static defaultErrorMessages: Readonly<Record<string, string>> = {
    required: "This field is required.",
    null: "This field may not be null.",
  };

  /** The `type` OPTIONS reports for this field. */
  abstract readonly type: string;
  name = "";
  readonly readOnly: boolean;
  readonly writeOnly: boolean;
  readonly required: boolean;
  readonly allowNull: boolean;
  readonly helpText?: string;
  readonly errorMessages: Record<string, string>;
  #label?: string;
  #source?: string;

  constructor(options: SerializerFieldOptions = {}) {
    this.readOnly = options.readOnly ?? false;
    this.writeOnly = options.writeOnly ?? false;
    this.required = options.required ?? !this.readOnly;
    this.allowNull = options.allowNull ?? false;
    this.helpText = options.helpText;
    this.#label = options.label;
    this.#source = options.source;
    const defaults = (this.constructor as typeof SerializerField).defaultErrorMessages;
    this.errorMessages = { ...defaults, ...options.errorMessages };
  }

  bind(name: string): this {
    this.name = name;
    return this;
  }

  get source(): string {
    return this.#source ?? this.name;
  }

  /** DRF: the capitalised verbose name, or the field name with spaces. */
  get label(): string {
    const text = this.#label ?? this.name.replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** Throws the message of `code` from this field's error map. */
  fail(code: string, params: Record<string, string | number> = {}): never {
    throw new ValidationError([this.detail(code, params)]);
  }

  /** The message of `code` from this field's error map, for fields that report several at once. */
  detail(code: string, params: Record<string, string | number> = {}): ErrorDetail {
    const template = this.errorMessages[code];
    if (template === undefined) throw new Error(`${this.constructor.name} has no error message "${code}".`);
    return new ErrorDetail(formatMessage(template, params), code);
  }

  /**
   * Validate one incoming value (DRF's `run_validation`): `empty` is a missing key, null a
   * JSON null. Returns `empty` when the field is to be skipped (partial updates, optional keys).
   */
  async runValidation(data: unknown, partial: boolean): Promise<T | null | Empty> {
    if (data === empty) {
      if (partial || !this.required) return empty;
      this.fail("required");
    }
    if (data === null) {
      if (!this.allowNull) this.fail("null");
      return null;
    }
    return this.toInternal(data);
  }

  abstract toInternal(data: unknown): T | Promise<T>;

  /** Reads the attribute for output (override for computed fields). */
  attribute(instance: Record<string, unknown>, _context: RenderContext): unknown {
    return instance[this.source];
  }

  toRepresentation(value: unknown): unknown {
    return value;
  }

  /** Extra OPTIONS attributes (max_length, choices...). */
  metadata(): Record<string, unknown> {
    return {};
  }

  /** This field's OpenAPI type (DRF's `AutoSchema.map_field`); read-only/nullable flags are added by the caller. */
  openApiType(): Record<string, unknown> {
    return { ...(OPENAPI_TYPES[this.type] ?? {}) };
  }

  /** Batch-load what `attribute` needs for a list of instances, in a constant number of queries. */
  preload?(instances: readonly Record<string, unknown>[]): Promise<Map<unknown, unknown>>;
}

const OPENAPI_TYPES: Record<string, Record<string, unknown>> = {
  string: { type: "string" },
  integer: { type: "integer" },
  float: { type: "number", format: "double" },
  decimal: { type: "string", format: "decimal" },
  boolean: { type: "boolean" },
  datetime: { type: "string", format: "date-time" },
  date: { type: "string", format: "date" },
  choice: {},
  json: {},
  field: { type: "string" },
};

/** DRF's `type(data).__name__` for the JS value a client sent. */
export function pythonTypeName(value: unknown): string {
  if (value === null) return "NoneType";
  if (Array.isArray(value)) return "list";
  switch (typeof value) {
    case "string":
      return "str";
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "object":
      return "dict";
    default:
      return typeof value;
  }
}
