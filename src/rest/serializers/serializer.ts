import type { ErrorTree } from "../errors/error-detail.js";
import { ErrorDetail } from "../errors/error-detail.js";
import { ValidationError } from "../errors/exceptions.js";
import { QueryDict } from "../http/query-dict.js";
import type { RestRequest } from "../http/request.js";
import { empty, pythonTypeName, SerializerField, type RenderContext } from "./fields/base.js";
import { readValue } from "./input.js";

/** What a serializer knows of the request it serves (DRF's `self.context`). */
export interface SerializerContext {
  readonly request?: RestRequest;
  readonly view?: unknown;
  readonly [key: string]: unknown;
}

/** How a view runs validation: a partial update, the object updated, values the route fixes. */
export interface ValidationOptions {
  partial?: boolean;
  instance?: (Record<string, unknown> & { pk: unknown }) | null;
  fixed?: Record<string, unknown>;
}

/** A serializer class a user writes (DRF's `serializer_class`). */
export type SerializerClass<S extends Serializer = Serializer> = new () => S;

/** `review_count` → `ReviewCount` (hook names: `validateReviewCount`, `getReviewCount`). */
export function pascalCase(name: string): string {
  return name.replace(/(^|_)(\w)/g, (_m, _u, c: string) => c.toUpperCase());
}

/** Promises, and anything awaitable. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value instanceof Promise || (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function");
}

type Hook = (value: unknown) => unknown;

/**
 * A serializer with declared fields (DRF's `Serializer`): declare fields as properties, add
 * `validate<Field>(value)` and `validate(attrs)` hooks, and `create` / `update` to save.
 *
 * ```ts
 * class ContactSerializer extends Serializer {
 *   email = new EmailField();
 *   message = new CharField({ maxLength: 500 });
 *   validateMessage(value: string) { if (value.includes("spam")) throw new ValidationError("No spam."); return value; }
 *   async create(validated) { return Contact.objects.create(validated); }
 * }
 * ```
 */
export class Serializer {
  /** DRF's `self.context`: `{ request, view }` when a view made the serializer. */
  context: SerializerContext = {};
  #fields: readonly SerializerField[] | null;
  #readable: readonly SerializerField[] | null = null;
  #writable: readonly SerializerField[] | null = null;

  constructor(fields?: readonly SerializerField[]) {
    this.#fields = fields ?? null;
  }

  /** Every key, in output order (built on first use: declared fields exist only after construction). */
  get fields(): readonly SerializerField[] {
    return (this.#fields ??= this.buildFields());
  }

  get readable(): readonly SerializerField[] {
    return (this.#readable ??= this.fields.filter((f) => !f.writeOnly));
  }

  get writable(): readonly SerializerField[] {
    return (this.#writable ??= this.fields.filter((f) => !f.readOnly));
  }

  /** The fields declared as properties, in declaration order, bound to their property names. */
  protected declaredFields(): SerializerField[] {
    return Object.entries(this)
      .filter((entry): entry is [string, SerializerField] => entry[1] instanceof SerializerField)
      .map(([name, field]) => {
        // Nested serializers validate with this serializer's context.
        if ("parent" in field) (field as { parent?: Serializer }).parent = this;
        return field.bind(name);
      });
  }

  protected buildFields(): SerializerField[] {
    return this.declaredFields();
  }

  /**
   * Validates request data (DRF's `is_valid(raise_exception=True)`): each field, its
   * `validate<Field>` hook, then `validate(attrs)`. Returns the validated values or throws a 400
   * `ValidationError` with DRF's per-field messages.
   */
  async runValidation(data: unknown, options: ValidationOptions = {}): Promise<Record<string, unknown>> {
    const partial = options.partial ?? false;
    if (data === null || data === undefined) throw new ValidationError({ non_field_errors: [new ErrorDetail("No data provided", "null")] });
    if (!(data instanceof QueryDict) && (typeof data !== "object" || Array.isArray(data))) {
      const message = `Invalid data. Expected a dictionary, but got ${pythonTypeName(data)}.`;
      throw new ValidationError({ non_field_errors: [new ErrorDetail(message, "invalid")] });
    }
    const input = data as Record<string, unknown> | QueryDict;
    const errors: Record<string, ErrorTree> = {};
    const out: Record<string, unknown> = {};
    for (const field of this.writable) {
      try {
        let value = await field.runValidation(readValue(input, field, partial), partial);
        if (value === empty) continue;
        const hook = (this as unknown as Record<string, unknown>)[`validate${pascalCase(field.name)}`];
        if (typeof hook === "function") value = await (hook as Hook).call(this, value);
        out[field.name] = value;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        errors[field.name] = error.detail;
      }
    }
    await this.checkFields(out, errors, options);
    if (Object.keys(errors).length) throw new ValidationError(errors as never);
    await this.checkTogether({ ...out, ...options.fixed }, options);
    try {
      return await this.validate(out);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // DRF's as_serializer_error: a bare message belongs to non_field_errors.
      const detail = error.detail;
      throw Array.isArray(detail) || typeof detail === "string" || detail instanceof ErrorDetail
        ? new ValidationError({ non_field_errors: detail } as never)
        : error;
    }
  }

  /** Checks across fields after each field validated (unique values in ModelSerializer). */
  protected async checkFields(_values: Record<string, unknown>, _errors: Record<string, ErrorTree>, _options: ValidationOptions): Promise<void> {}

  /** Checks over the merged values (unique-together in ModelSerializer). */
  protected async checkTogether(_values: Record<string, unknown>, _options: ValidationOptions): Promise<void> {}

  /** Object-level validation (DRF's `validate(attrs)`): return the attributes, or throw a ValidationError. */
  validate(attrs: Record<string, unknown>): Record<string, unknown> | Promise<Record<string, unknown>> {
    return attrs;
  }

  /** Saves a new object from validated data (DRF's `create`). */
  create(_validated: Record<string, unknown>): Promise<unknown> {
    throw new Error(`${this.constructor.name}: \`create()\` must be implemented.`);
  }

  /** Applies validated data to an object (DRF's `update`). */
  update(_instance: Record<string, unknown>, _validated: Record<string, unknown>): Promise<unknown> {
    throw new Error(`${this.constructor.name}: \`update()\` must be implemented.`);
  }

  /** Batch-loads what the fields need for these objects (relations, a constant number of queries). */
  protected async prepare(instances: readonly Record<string, unknown>[], context: RenderContext): Promise<void> {
    for (const field of this.readable) {
      if (field.preload) context.preloaded.set(field, await field.preload(instances));
    }
  }

  /**
   * One object as JSON (DRF's `to_representation`). Override it, calling
   * `super.toRepresentation(instance, context)`, to change the output.
   */
  toRepresentation(instance: Record<string, unknown>, context: RenderContext): Record<string, unknown> | Promise<Record<string, unknown>> {
    const data: Record<string, unknown> = {};
    let pending: (() => Promise<void>)[] | null = null;
    for (const field of this.readable) {
      const value = field.attribute(instance, context);
      if (!isThenable(value)) {
        data[field.name] = field.toRepresentation(value);
        continue;
      }
      // A method that reads the database returns a promise: keep the key's place, fill it in
      // once awaited (one at a time: a transaction's connection runs one query at a time).
      data[field.name] = null;
      (pending ??= []).push(async () => void (data[field.name] = field.toRepresentation(await value)));
    }
    if (!pending) return data;
    const fills = pending;
    return (async () => {
      for (const fill of fills) await fill();
      return data;
    })();
  }

  /** JSON objects for instances, links below `basePath`. */
  async render(instances: readonly object[], basePath: string, params?: Readonly<Record<string, string>>): Promise<Record<string, unknown>[]> {
    const context: RenderContext = { basePath, preloaded: new Map(), params, serializer: this };
    const rows = instances as readonly Record<string, unknown>[];
    await this.prepare(rows, context);
    const out: Record<string, unknown>[] = [];
    for (const row of rows) {
      const data = this.toRepresentation(row, context);
      out.push(isThenable(data) ? await data : data);
    }
    return out;
  }

  async renderOne(instance: object, basePath: string, params?: Readonly<Record<string, string>>): Promise<Record<string, unknown>> {
    return (await this.render([instance], basePath, params))[0] as Record<string, unknown>;
  }
}
