import type { Field, ModelClass, Options } from "../../index.js";
import { ForeignKeyDef } from "../../orm/relations/foreign-key.js";
import { ErrorDetail, type ErrorTree } from "../errors/error-detail.js";
import { ValidationError } from "../errors/exceptions.js";
import type { SerializerField } from "./fields/base.js";
import { ReadOnlyField } from "./fields/misc.js";
import { NestedLinkField, ReverseOneToOneField } from "./fields/relations.js";
import { buildModelField } from "./field-mapping.js";
import { isThenable, Serializer, type ValidationOptions } from "./serializer.js";
import { NESTED_KEY, NestedSerializer } from "./declared-fields.js";
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

/** A user ModelSerializer's `static Meta` (DRF's `class Meta`). */
export interface ModelSerializerMeta {
  readonly model: ModelClass;
  /** Keys in output order: model fields, declared fields, `SerializerMethodField`s; `"__all__"` for every model field. */
  readonly fields?: readonly string[] | "__all__";
  readonly exclude?: readonly string[];
  readonly readOnlyFields?: readonly string[];
}

type Instance = Record<string, unknown> & { pk: unknown; save(): Promise<void> };

/**
 * A serializer generated from model metadata (DRF's `ModelSerializer`). Keys come in this
 * order: concrete fields in declaration order, method fields, forward relations, then reverse
 * relations and many-to-many.
 *
 * Generated: `ModelSerializer.forModel(Choice)`. Written by a user, as in DRF:
 *
 * ```ts
 * class ChoiceSerializer extends ModelSerializer {
 *   static override Meta = { model: Choice, fields: ["id", "choice_text", "votes", "label"] };
 *   label = new SerializerMethodField();
 *   getLabel(choice: Choice) { return `${choice.choice_text} (${choice.votes})`; }
 *   validateVotes(votes: number) { if (votes > 100) throw new ValidationError("Too many."); return votes; }
 * }
 * ```
 */
export class ModelSerializer extends Serializer {
  /** DRF's `class Meta` for user-written serializers. */
  static Meta?: ModelSerializerMeta;
  readonly #model: ModelClass | undefined;
  #modelFields: Map<string, Field> | null;

  constructor(model?: ModelClass, fields?: readonly SerializerField[], modelFields?: ReadonlyMap<string, Field>) {
    super(fields);
    this.#model = model;
    this.#modelFields = modelFields ? new Map(modelFields) : fields ? new Map() : null;
  }

  get model(): ModelClass {
    const model = this.#model ?? (this.constructor as typeof ModelSerializer).Meta?.model;
    if (!model) throw new Error(`${this.constructor.name} needs \`static Meta = { model, fields }\`, as a DRF ModelSerializer needs class Meta.`);
    return model;
  }

  get meta(): Options {
    return this.model.meta;
  }

  /** Serializer field name → model field, for fields backed by a concrete column. */
  get modelFields(): ReadonlyMap<string, Field> {
    if (!this.#modelFields) void this.fields;
    return this.#modelFields ?? new Map();
  }

  /** Builds the fields from the model's metadata. */
  static forModel(model: ModelClass, options: ModelSerializerOptions = {}): ModelSerializer {
    const { fields, modelFields } = modelFieldsOf(model, options);
    return new ModelSerializer(model, fields, modelFields);
  }

  /** A user subclass: the model's fields per `Meta`, then the declared fields by name. */
  protected override buildFields(): SerializerField[] {
    const Meta = (this.constructor as typeof ModelSerializer).Meta;
    const declared = this.declaredFields();
    const names = Meta?.fields === "__all__" ? undefined : Meta?.fields;
    const built = modelFieldsOf(this.model, { exclude: Meta?.exclude, readOnlyFields: Meta?.readOnlyFields });
    this.#modelFields = built.modelFields;
    const byName = new Map(built.fields.map((f) => [f.name, f]));
    for (const field of declared) byName.set(field.name, field);
    if (!names) return [...built.fields.map((f) => byName.get(f.name) as SerializerField), ...declared.filter((f) => !built.modelFields.has(f.name))];
    return names.map((name) => {
      const field = byName.get(name);
      if (!field) throw new Error(`${this.constructor.name}: Meta.fields names "${name}", which is neither a field of ${this.meta.label} nor a declared field.`);
      return field;
    });
  }

  /** Unique fields, checked against the table (DRF's UniqueValidator). */
  protected override async checkFields(values: Record<string, unknown>, errors: Record<string, ErrorTree>, options: ValidationOptions): Promise<void> {
    const instancePk = options.instance?.pk;
    for (const [name, value] of Object.entries(values)) {
      const modelField = this.modelFields.get(name);
      if (!modelField?.unique || value === null || errors[name]) continue;
      const error = await checkUnique(this.model, modelField, value, instancePk);
      if (error) errors[name] = [error];
    }
  }

  /** `uniqueTogether` (DRF's UniqueTogetherValidator). */
  protected override async checkTogether(values: Record<string, unknown>, options: ValidationOptions): Promise<void> {
    const instance = options.instance ?? null;
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

  /** Saves a new instance from validated data (and the children of writable nested fields). */
  override async create(validated: Record<string, unknown>): Promise<Instance> {
    const instance = new this.model() as Instance;
    this.#assign(instance, validated);
    await instance.save();
    await this.#saveNested(instance, validated, false);
    return instance;
  }

  /** Applies validated data to an instance and saves it (writable nested lists replace the children). */
  override async update(instance: Record<string, unknown>, validated: Record<string, unknown>): Promise<Instance> {
    const saved = instance as Instance;
    this.#assign(saved, validated);
    await saved.save();
    await this.#saveNested(saved, validated, true);
    return saved;
  }

  /**
   * Writes the children a writable nested field lists: created on create; on update those
   * carrying their `id` are updated, the others created, the unlisted deleted.
   */
  async #saveNested(parent: Instance, validated: Record<string, unknown>, replace: boolean): Promise<void> {
    for (const field of this.writable) {
      if (!(field instanceof NestedSerializer) || !(field.name in validated)) continue;
      const relation = this.meta.relatedObjects.find((r) => r.accessorName === field.source && r.multiple && !r.isManyToMany);
      if (!relation) throw new Error(`${this.constructor.name}: writable nested field "${field.name}" needs a reverse foreign key of ${this.meta.label} as its source.`);
      const fk = relation.field as ForeignKeyDef<any, boolean, boolean>;
      const child = field.child(this);
      const existing = replace ? ((await relation.relatedModel.model.objects.filter({ [fk.attname]: parent.pk })) as Instance[]) : [];
      const byKey = new Map(existing.map((row) => [String(row.pk), row]));
      const kept = new Set<string>();
      const errors: ErrorTree[] = [];
      let failed = false;
      for (const item of validated[field.name] as Record<string | symbol, unknown>[]) {
        const key = item[NESTED_KEY];
        const values = Object.fromEntries(Object.entries(item));
        const target = replace && key !== undefined ? byKey.get(String(key)) : undefined;
        if (replace && key !== undefined && !target) {
          failed = true;
          errors.push({ id: [new ErrorDetail(`Invalid pk "${String(key)}" - object does not exist.`, "does_not_exist")] });
          continue;
        }
        errors.push({});
        if (target) {
          kept.add(String(key));
          await child.update(target, values);
        } else await child.create({ ...values, [fk.name]: parent.pk });
      }
      if (failed) throw new ValidationError({ [field.name]: errors } as never);
      for (const row of existing) if (!kept.has(String(row.pk))) await (row as Instance & { delete(): Promise<unknown> }).delete();
    }
  }

  #assign(instance: Instance, validated: Record<string, unknown>): void {
    const done = new Set<string>();
    for (const field of this.writable) {
      if (field instanceof NestedSerializer) {
        done.add(field.name);
        continue;
      }
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
}

/** The generated fields of a model (DRF's `get_fields` for a ModelSerializer), in output order. */
function modelFieldsOf(model: ModelClass, options: ModelSerializerOptions): { fields: SerializerField[]; modelFields: Map<string, Field> } {
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
  return { fields, modelFields };
}

/**
 * A read-only key computed by an instance getter or method (django-to-rest's method fields);
 * an async method is awaited.
 */
class MethodField extends ReadOnlyField {
  override attribute(instance: Record<string, unknown>): unknown {
    const value = instance[this.source];
    const result = typeof value === "function" ? (value as () => unknown).call(instance) : value;
    return isThenable(result) ? Promise.resolve(result) : result;
  }
}
