import { ErrorDetail, type ErrorTree } from "../errors/error-detail.js";
import { ValidationError } from "../errors/exceptions.js";
import { ReadOnlyField, type ReadOnlyFieldOptions } from "./fields/misc.js";
import { pythonTypeName, SerializerField, type RenderContext } from "./fields/base.js";
import { isThenable, pascalCase, type Serializer, type SerializerClass } from "./serializer.js";

/**
 * A read-only key computed by a method of the serializer (DRF's `SerializerMethodField`):
 * `reviewCount = new SerializerMethodField()` calls `getReviewCount(instance)` (`review_count`
 * also calls `getReviewCount`); an async method is awaited.
 */
export class SerializerMethodField extends ReadOnlyField {
  readonly #methodName: string | undefined;

  constructor(options: ReadOnlyFieldOptions & { methodName?: string } = {}) {
    const { methodName, ...rest } = options;
    super(rest);
    this.#methodName = methodName;
  }

  get methodName(): string {
    return this.#methodName ?? `get${pascalCase(this.name)}`;
  }

  override attribute(instance: Record<string, unknown>, context: RenderContext): unknown {
    const serializer = context.serializer as Record<string, unknown> | undefined;
    const method = serializer?.[this.methodName];
    if (typeof method !== "function") {
      throw new Error(`SerializerMethodField "${this.name}" needs a method ${this.methodName}(instance) on ${serializer?.constructor.name ?? "its serializer"}.`);
    }
    return (method as (i: unknown) => unknown).call(serializer, instance);
  }
}

export interface NestedSerializerOptions extends ReadOnlyFieldOptions {
  /** A list of related objects (a reverse foreign key or many-to-many), as DRF's `many=True`. */
  many?: boolean;
  /**
   * Opt-in nested writes of a reverse foreign key (`many`; beyond DRF, which refuses them by
   * default): creating the parent creates the listed children; updating it makes the children
   * the list, updating those that carry their `id`, creating the others, deleting the rest. One
   * transaction; errors per item in DRF's shape (`{"choices": [{}, {"choice_text": [...]}]}`).
   */
  writable?: boolean;
}

/** Where a validated child item came from: the key it carried (`id`), for updates. */
export const NESTED_KEY: unique symbol = Symbol("nested key");

/**
 * Related objects rendered by another serializer (DRF's nested serializer,
 * `ReviewSerializer(many=True, read_only=True, source="review_set")`):
 *
 * ```ts
 * reviews = new NestedSerializer(ReviewSerializer, { many: true, source: "review_set" });
 * author = new NestedSerializer(AuthorSerializer);   // a foreign key: one object or null
 * choices = new NestedSerializer(ChoiceSerializer, { many: true, writable: true });  // nested writes
 * ```
 * Each object's related rows are loaded with one query.
 */
export class NestedSerializer extends SerializerField<unknown> {
  readonly type = "nested object";
  readonly many: boolean;

  constructor(
    readonly serializerClass: SerializerClass,
    options: NestedSerializerOptions = {},
  ) {
    const { many, writable, ...rest } = options;
    if (writable && !many) throw new TypeError("NestedSerializer: nested writes are for lists of related objects (many: true).");
    super({ ...rest, readOnly: !writable, required: writable ? (rest.required ?? false) : false });
    this.many = many ?? false;
  }

  /** The child serializer, sharing the parent's context (request, view). */
  child(parent?: Serializer): Serializer {
    const child = new this.serializerClass();
    if (parent) child.context = parent.context;
    return child;
  }

  override attribute(instance: Record<string, unknown>, context: RenderContext): Promise<unknown> {
    const value = instance[this.source];
    const child = this.child(context.serializer as Serializer | undefined);
    return (async () => {
      if (this.many) {
        const all = value && typeof (value as { all?: unknown }).all === "function" ? (value as { all(): unknown }).all() : value;
        const items = isThenable(all) ? await all : all;
        return child.render((items ?? []) as object[], context.basePath, context.params);
      }
      const target = isThenable(value) ? await value : value;
      return target === null || target === undefined ? null : child.renderOne(target as object, context.basePath, context.params);
    })();
  }

  /** Validates each item with the child serializer; DRF's ListSerializer errors otherwise. */
  async toInternal(data: unknown): Promise<unknown> {
    if (!Array.isArray(data)) {
      throw new ValidationError([new ErrorDetail(`Expected a list of items but got type "${pythonTypeName(data)}".`, "not_a_list")]);
    }
    const child = this.child(this.parent);
    const items: Record<string | symbol, unknown>[] = [];
    const errors: ErrorTree[] = [];
    let failed = false;
    for (const raw of data) {
      try {
        const item: Record<string | symbol, unknown> = await child.runValidation(raw);
        const key = (raw as Record<string, unknown>).id ?? (raw as Record<string, unknown>).pk;
        if (key !== undefined && key !== null) item[NESTED_KEY] = key;
        items.push(item);
        errors.push({});
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        failed = true;
        errors.push(error.detail);
      }
    }
    if (failed) throw new ValidationError(errors as never);
    return items;
  }

  /** The serializer this field belongs to (set when its fields are built). */
  parent?: Serializer;
}
