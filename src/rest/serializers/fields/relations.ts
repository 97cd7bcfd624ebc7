import type { Field, ModelClass } from "../../../index.js";
import type { ReverseRelation } from "../../../orm/relations/reverse.js";
import { ForeignKeyDef } from "../../../orm/relations/foreign-key.js";
import { SerializerField, pythonTypeName, type RenderContext, type SerializerFieldOptions } from "./base.js";
import { ReadOnlyField, type ReadOnlyFieldOptions } from "./misc.js";
import { prohibitedCharacters } from "./prohibited-characters.js";

/**
 * A forward foreign key or one-to-one as the related object's key (DRF's
 * `PrimaryKeyRelatedField`): `"question": 1`. Input is checked against the database.
 */
export class PrimaryKeyRelatedField extends SerializerField<unknown> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    does_not_exist: 'Invalid pk "{pk_value}" - object does not exist.',
    incorrect_type: "Incorrect type. Expected pk value, received {data_type}.",
  };
  readonly type = "field";

  constructor(
    /** The model field: its `attname` holds the key. */
    readonly modelField: ForeignKeyDef<any, boolean, boolean>,
    options: SerializerFieldOptions = {},
  ) {
    super({ source: modelField.attname, ...options });
  }

  get targetField(): Field {
    return this.modelField.requireResolved().targetField;
  }

  /** The related key's type, as DRF maps a primary key related field. */
  override openApiType(): Record<string, unknown> {
    return keyType(this.targetField);
  }

  get targetModel(): ModelClass {
    return this.modelField.requireResolved().remote.model;
  }

  async toInternal(data: unknown): Promise<unknown> {
    if (typeof data === "boolean" || typeof data === "object" || data === "") {
      this.fail("incorrect_type", { data_type: pythonTypeName(data) });
    }
    let key: unknown;
    try {
      key = this.targetField.toJs(data);
    } catch {
      this.fail("incorrect_type", { data_type: pythonTypeName(data) });
    }
    // A key outside the column's range names no object (and must not reach the database).
    if (!keyInRange(this.targetField, key)) this.fail("does_not_exist", { pk_value: String(data) });
    const found = await this.targetModel.objects.filter({ [this.targetField.name]: key }).exists();
    if (!found) this.fail("does_not_exist", { pk_value: String(data) });
    return key;
  }
}

/**
 * The reverse side of a one-to-one (`system` on a student): the related object's key or null,
 * read-only. Lists load it for every row in one query.
 */
export class ReverseOneToOneField extends ReadOnlyField {
  constructor(readonly relation: ReverseRelation, options: ReadOnlyFieldOptions = {}) {
    super(options);
  }

  get #fk(): ForeignKeyDef<any, boolean, boolean> {
    return this.relation.field as ForeignKeyDef<any, boolean, boolean>;
  }

  /** The related key, or null when there is no related object. */
  override openApiType(): Record<string, unknown> {
    const key = keyType(this.relation.relatedModel.pk);
    return { ...key, type: [key.type, "null"] };
  }

  override async preload(instances: readonly Record<string, unknown>[]): Promise<Map<unknown, unknown>> {
    const fk = this.#fk.requireResolved();
    const keys = [...new Set(instances.map((i) => i[fk.targetField.attname]).filter((k) => k !== null && k !== undefined))];
    const found = new Map<unknown, unknown>();
    if (keys.length === 0) return found;
    const rows = (await this.relation.relatedModel.model.objects.filter({ [`${fk.attname}__in`]: keys })) as Record<string, unknown>[];
    for (const row of rows) found.set(row[fk.attname], (row as { pk: unknown }).pk);
    return found;
  }

  override attribute(instance: Record<string, unknown>, context: RenderContext): unknown {
    const key = instance[this.#fk.requireResolved().targetField.attname];
    return context.preloaded.get(this)?.get(key) ?? null;
  }
}

/**
 * A reverse foreign key or many-to-many as a link to its nested URL, read-only:
 * `"choices": "/rest/v1/polls/question/1/choices/"`. Costs no query.
 */
export class NestedLinkField extends ReadOnlyField {
  constructor(
    /** Path up to the parent key, e.g. `/rest/v1/polls/question/`. */
    readonly listPath: string,
    /** Segment after the key, e.g. `choices`. */
    readonly accessor: string,
    options: ReadOnlyFieldOptions = {},
  ) {
    super(options);
  }

  override openApiType(): Record<string, unknown> {
    return { type: "string", format: "uri-reference" };
  }

  override attribute(instance: Record<string, unknown>, context: RenderContext): unknown {
    const pk = (instance as { pk: unknown }).pk;
    // A prefix with URL parameters (`api/<version>`) takes the request's values.
    const listPath = context.params ? this.listPath.replace(/<(\w+)>/g, (m, k: string) => context.params?.[k] ?? m) : this.listPath;
    return `${context.basePath}${listPath}${encodeURIComponent(String(pk))}/${this.accessor}/`;
  }
}

/** Can this key be stored in the field's column? (Out-of-range numbers make databases fail.) */
export function keyInRange(field: Field, key: unknown): boolean {
  // Fast path for the usual keys: small non-negative integers fit every integer column.
  if (typeof key === "number" && key >= 0 && key < 32768 && Number.isInteger(key)) return true;
  // A NUL or a lone surrogate names no stored row (and PostgreSQL refuses the text outright).
  if (typeof key === "string" && prohibitedCharacters(key) !== null) return false;
  if (typeof key === "number" && !Number.isSafeInteger(key) && Number.isInteger(key)) return false;
  try {
    field.runValidators(key as never);
    return true;
  } catch {
    return false;
  }
}

/** OpenAPI type of a key column: integer for the integer kinds, string otherwise. */
function keyType(field: Field): Record<string, unknown> {
  const target = field instanceof ForeignKeyDef ? field.requireResolved().targetField : field;
  return /Integer|AutoField/.test(target.internalType) ? { type: "integer" } : { type: "string" };
}
