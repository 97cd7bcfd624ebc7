import type { Field, ModelClass, Options } from "../../index.js";
import { ForeignKeyDef } from "../../orm/relations/foreign-key.js";
import type { ErrorTree } from "../errors/error-detail.js";
import { ErrorDetail } from "../errors/error-detail.js";
import { ValidationError } from "../errors/exceptions.js";
import { QueryDict } from "../http/query-dict.js";
import { empty, pythonTypeName, type RenderContext, type SerializerField } from "./fields/base.js";
import { ReadOnlyField } from "./fields/misc.js";
import { NestedLinkField, ReverseOneToOneField } from "./fields/relations.js";
import { buildModelField } from "./field-mapping.js";
import { readValue } from "./input.js";
import { checkUnique, checkUniqueTogether } from "./unique.js";

export interface ModelSerializerOptions {
  /** Model field names left out of input and output (never filterable, searchable or orderable either). */
  exclude?: readonly string[];
  /** Extra fields made read-only. */
  readOnlyFields?: readonly string[];
  /** Instance getters or zero-argument methods rendered as read-only keys after the concrete fields. */
  methodFields?: readonly string[];
  /**
   * Where the model's list lives (`/rest/v1/polls/question/`): reverse foreign keys and
   * many-to-many fields become links below it. Without it they are left out.
   */
  listPath?: string;
  /** Replace or add serializer fields by name. */
  fields?: Record<string, SerializerField>;
}

type Instance = Record<string, unknown> & { pk: unknown; save(): Promise<void> };

/**
 * A serializer generated from model metadata (DRF's `ModelSerializer`). Keys come in this
 * order: concrete fields in declaration order, method fields, forward relations, then
 * many-to-many and reverse relations.
 *
 * ```ts
 * const serializer = ModelSerializer.forModel(Choice);
 * const data = await serializer.validate({ question: "1", choice_text: "Fine" }); // coerced
 * const choice = await serializer.create(data);
 * (await serializer.render([choice], context))[0]; // { id: 1, choice_text: "Fine", votes: 0, question: 1 }
 * ```
 */
export class ModelSerializer {
  readonly meta: Options;
  /** Every key, in output order. */
  readonly fields: readonly SerializerField[];
  readonly readable: readonly SerializerField[];
  readonly writable: readonly SerializerField[];
  readonly #preloaders: readonly SerializerField[];
  /** Serializer field name → model field, for fields backed by a concrete column. */
  readonly modelFields: ReadonlyMap<string, Field>;

  constructor(
    readonly model: ModelClass,
    fields: readonly SerializerField[],
    modelFields: ReadonlyMap<string, Field> = new Map(),
  ) {
    this.meta = model.meta;
    this.fields = fields;
    this.readable = fields.filter((f) => !f.writeOnly);
    this.writable = fields.filter((f) => !f.readOnly);
    this.#preloaders = fields.filter((f) => f.preload !== undefined);
    this.modelFields = modelFields;
  }

  /** Builds the fields from the model's metadata. */
  static forModel(model: ModelClass, options: ModelSerializerOptions = {}): ModelSerializer {
    const meta = model.meta;
    const exclude = new Set(options.exclude ?? []);
    const readOnly = new Set(options.readOnlyFields ?? []);
    const plain: SerializerField[] = [];
    const forward: SerializerField[] = [];
    const reverse: SerializerField[] = [];
    const modelFields = new Map<string, Field>();
    for (const field of meta.fields) {
      if (exclude.has(field.name)) continue;
      let built = buildModelField(field);
      if (readOnly.has(field.name)) built = new ReadOnlyField({ label: built.label, source: built.source }).bind(field.name);
      modelFields.set(field.name, field);
      (field instanceof ForeignKeyDef ? forward : plain).push(built);
    }
    const methods = (options.methodFields ?? []).map((name) => new MethodField({ source: name }).bind(name));
    // Reverse relations come before forward many-to-many, as in Django's `_meta.get_fields()`
    // (the original's key order: `course_set` before `friends`).
    for (const relation of meta.relatedObjects) {
      if (relation.hidden || exclude.has(relation.accessorName)) continue;
      if (!relation.multiple) reverse.push(new ReverseOneToOneField(relation).bind(relation.accessorName));
      else if (options.listPath !== undefined) {
        reverse.push(new NestedLinkField(options.listPath, relation.accessorName).bind(relation.accessorName));
      }
    }
    if (options.listPath !== undefined) {
      for (const m2m of meta.manyToMany) {
        if (!exclude.has(m2m.name)) reverse.push(new NestedLinkField(options.listPath, m2m.name).bind(m2m.name));
      }
    }
    let fields = [...plain, ...methods, ...forward, ...reverse];
    for (const [name, field] of Object.entries(options.fields ?? {})) {
      field.bind(name);
      const at = fields.findIndex((f) => f.name === name);
      if (at >= 0) fields[at] = field;
      else fields = [...fields, field];
    }
    return new ModelSerializer(model, fields, modelFields);
  }

  /**
   * Validates request data (DRF's `is_valid(raise_exception=True)`): returns the coerced values
   * of the fields sent, or throws a 400 `ValidationError` with DRF's per-field messages.
   */
  async validate(
    data: unknown,
    options: { partial?: boolean; instance?: Instance | null; fixed?: Record<string, unknown> } = {},
  ): Promise<Record<string, unknown>> {
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
        const value = await field.runValidation(readValue(input, field, partial), partial);
        if (value !== empty) out[field.name] = value;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        errors[field.name] = error.detail;
      }
    }
    const instancePk = options.instance?.pk;
    for (const [name, value] of Object.entries(out)) {
      const modelField = this.modelFields.get(name);
      if (!modelField?.unique || value === null || errors[name]) continue;
      const error = await checkUnique(this.model, modelField, value, instancePk);
      if (error) errors[name] = [error];
    }
    if (Object.keys(errors).length) throw new ValidationError(errors as never);
    await this.#validateUniqueTogether({ ...out, ...options.fixed }, options.instance ?? null);
    return out;
  }

  async #validateUniqueTogether(values: Record<string, unknown>, instance: Instance | null): Promise<void> {
    for (const names of this.meta.uniqueTogether) {
      const fields = names.map((n) => this.fields.find((f) => f.name === n));
      if (fields.some((f) => !f || (f.readOnly && !(f.name in values)))) continue;
      const merged: Record<string, unknown> = {};
      for (const field of fields as SerializerField[]) {
        merged[field.name] = field.name in values ? values[field.name] : instance?.[field.source];
      }
      if (Object.values(merged).some((v) => v === undefined || v === null)) continue;
      const error = await checkUniqueTogether(this.model, names, merged, instance?.pk);
      if (error) throw new ValidationError({ non_field_errors: [error] });
    }
  }

  /** Saves a new instance from validated data. */
  async create(validated: Record<string, unknown>): Promise<Instance> {
    const instance = new this.model() as Instance;
    this.#assign(instance, validated);
    await instance.save();
    return instance;
  }

  /** Applies validated data to an instance and saves it. */
  async update(instance: Instance, validated: Record<string, unknown>): Promise<Instance> {
    this.#assign(instance, validated);
    await instance.save();
    return instance;
  }

  #assign(instance: Instance, validated: Record<string, unknown>): void {
    const done = new Set<string>();
    for (const field of this.writable) {
      if (!(field.name in validated)) continue;
      instance[field.source] = validated[field.name];
      done.add(field.name);
    }
    // Values a route fixes (a nested route's parent key), by model field name.
    for (const [name, value] of Object.entries(validated)) {
      if (done.has(name)) continue;
      const field = this.meta.findField(name);
      if (field && "attname" in field && "column" in field) instance[field.attname] = value;
    }
  }

  /** JSON objects for instances; relation fields are batch-loaded (a constant number of queries). */
  async render(instances: readonly object[], basePath: string): Promise<Record<string, unknown>[]> {
    const context: RenderContext = { basePath, preloaded: new Map() };
    const rows = instances as readonly Record<string, unknown>[];
    for (const field of this.#preloaders) context.preloaded.set(field, await field.preload!(rows));
    const fields = this.readable;
    const pending: (() => Promise<void>)[] = [];
    const out = rows.map((instance) => {
      const data: Record<string, unknown> = {};
      for (const field of fields) {
        const value = field.attribute(instance, context);
        if (!isThenable(value)) {
          data[field.name] = field.toRepresentation(value);
          continue;
        }
        // A method that reads the database returns a promise: keep the key's place, fill it in
        // once awaited (one at a time: a transaction's connection runs one query at a time).
        data[field.name] = null;
        pending.push(async () => void (data[field.name] = field.toRepresentation(await value)));
      }
      return data;
    });
    for (const fill of pending) await fill();
    return out;
  }

  async renderOne(instance: object, basePath: string): Promise<Record<string, unknown>> {
    return (await this.render([instance], basePath))[0] as Record<string, unknown>;
  }
}

/** Promises, and anything awaitable, returned by a method field. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value instanceof Promise || (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function");
}

/**
 * A read-only key computed by an instance getter or method (django-to-rest's method fields);
 * an async method is awaited.
 */
class MethodField extends ReadOnlyField {
  override attribute(instance: Record<string, unknown>): unknown {
    const value = instance[this.source];
    return typeof value === "function" ? (value as () => unknown).call(instance) : value;
  }
}
