import { ReadOnlyField, type ReadOnlyFieldOptions } from "./fields/misc.js";
import type { RenderContext } from "./fields/base.js";
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
}

/**
 * Related objects rendered by another serializer (DRF's nested serializer,
 * `ReviewSerializer(many=True, read_only=True, source="review_set")`):
 *
 * ```ts
 * reviews = new NestedSerializer(ReviewSerializer, { many: true, source: "review_set" });
 * author = new NestedSerializer(AuthorSerializer);   // a foreign key: one object or null
 * ```
 * Read-only; each object's related rows are loaded with one query.
 */
export class NestedSerializer extends ReadOnlyField {
  readonly many: boolean;

  constructor(
    readonly serializerClass: SerializerClass,
    options: NestedSerializerOptions = {},
  ) {
    const { many, ...rest } = options;
    super(rest);
    this.many = many ?? false;
  }

  /** The child serializer, sharing the parent's context (request, view). */
  child(context: RenderContext): Serializer {
    const child = new this.serializerClass();
    const parent = context.serializer as Serializer | undefined;
    if (parent) child.context = parent.context;
    return child;
  }

  override attribute(instance: Record<string, unknown>, context: RenderContext): Promise<unknown> {
    const value = instance[this.source];
    return (async () => {
      if (this.many) {
        const all = value && typeof (value as { all?: unknown }).all === "function" ? (value as { all(): unknown }).all() : value;
        const items = isThenable(all) ? await all : all;
        return this.child(context).render((items ?? []) as object[], context.basePath, context.params);
      }
      const target = isThenable(value) ? await value : value;
      return target === null || target === undefined ? null : this.child(context).renderOne(target as object, context.basePath, context.params);
    })();
  }
}
