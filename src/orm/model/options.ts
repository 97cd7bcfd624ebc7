import { FieldDoesNotExist, ImproperlyConfigured, MultipleObjectsReturned, ObjectDoesNotExist } from "../errors.js";
import type { Field } from "../fields/field.js";
import { IntegerFieldDef } from "../fields/numeric.js";
import type { ManyToManyFieldDef } from "../relations/many-to-many.js";
import type { ReverseRelation } from "../relations/reverse.js";
import { apps } from "./registry.js";
import type { ModelClass } from "./types.js";

/** Django's `class Meta` options. */
export interface MetaOptions {
  /** Model name when the class name is not the one to use (defaults to the class name). */
  name?: string;
  dbTable?: string;
  /** Default ordering: field names, `-field` for descending. */
  ordering?: string[];
  uniqueTogether?: string[][];
  indexes?: { fields: string[]; name?: string }[];
  constraints?: { type: "unique"; fields: string[]; name: string }[];
  verboseName?: string;
  verboseNamePlural?: string;
  /** Set on the through models torest creates for many-to-many fields. */
  autoCreated?: boolean;
  /**
   * Set on the historical models a migration's RunCode sees (torest/migrations): they are not
   * registered in `apps`, so they live beside today's models of the same name.
   */
  historical?: boolean;
}

/** Anything declared in a model's field map. */
export type DeclaredField = Field<any, boolean, boolean> | ManyToManyFieldDef<any>;

/**
 * A model's metadata (Django's `_meta`): fields, table, relations, ordering. Created by `Model()`,
 * completed when the model class is bound (its name is known then).
 */
export class Options {
  objectName = "";
  modelName = "";
  label = "";
  labelLower = "";
  dbTable = "";
  /** The user's model class once bound (instances are made from it). */
  model!: ModelClass;
  /** Concrete fields in declaration order (foreign keys included, many-to-many not). */
  readonly fields: Field[] = [];
  readonly manyToMany: ManyToManyFieldDef<any>[] = [];
  /** Relations from other models to this one (reverse foreign keys, one-to-ones, many-to-many). */
  readonly relatedObjects: ReverseRelation[] = [];
  pk!: Field;
  readonly ordering: string[];
  readonly uniqueTogether: string[][];
  readonly indexes: { fields: string[]; name?: string }[];
  readonly autoCreated: boolean;
  DoesNotExist!: typeof ObjectDoesNotExist;
  MultipleObjectsReturned!: typeof MultipleObjectsReturned;
  private readonly byName = new Map<string, Field | ManyToManyFieldDef<any>>();
  private bound = false;

  constructor(
    readonly appLabel: string,
    declared: Record<string, DeclaredField>,
    readonly meta: MetaOptions,
    /** The class `Model()` returned; relation accessors are defined on its prototype. */
    readonly base: ModelClass,
  ) {
    this.ordering = meta.ordering ?? [];
    this.uniqueTogether = [...(meta.uniqueTogether ?? []), ...(meta.constraints ?? []).map((c) => c.fields)];
    this.indexes = meta.indexes ?? [];
    this.autoCreated = meta.autoCreated ?? false;
    const entries = Object.entries(declared);
    checkFieldNames(entries);
    if (!entries.some(([, f]) => "primaryKey" in f && f.primaryKey)) {
      const id = new IntegerFieldDef("BigAutoField", { primaryKey: true, verboseName: "ID" });
      entries.unshift(["id", id]);
    }
    // A field object shared by several models (`{ ...common, title }`) gets a copy per model.
    for (const [name, field] of entries) this.addField(name, field.model ? copyField(field) : field);
    this.checkMetaNames();
  }

  /** Django's models.E012/E015/E033-like checks: Meta names must be local fields. */
  private checkMetaNames(): void {
    const check = (option: string, name: string) => {
      if (!this.byName.has(name) && name !== "pk") {
        throw new ImproperlyConfigured(`'${option}' refers to the nonexistent field '${name}'.`);
      }
    };
    for (const group of this.uniqueTogether) for (const name of group) check("uniqueTogether", name);
    for (const index of this.indexes) for (const name of index.fields) check("indexes", name.replace(/^-/, ""));
    for (const term of this.ordering) {
      if (term === "?") continue;
      check("ordering", term.replace(/^[-+]/, "").split("__")[0]!);
    }
  }

  private addField(name: string, field: DeclaredField): void {
    field.contribute(name);
    const clash = this.byName.get(field.attname) ?? this.byName.get(name);
    if (clash) {
      throw new ImproperlyConfigured(`The field '${field.attname}' clashes with the field '${clash.name}'.`);
    }
    field.model = this;
    if ("isManyToMany" in field) this.manyToMany.push(field);
    else {
      this.fields.push(field);
      if (field.primaryKey) this.pk = field;
      if (field.attname !== name) this.byName.set(field.attname, field);
    }
    this.byName.set(name, field);
  }

  /** True while the model is registered under its declared name but its user class is not yet known. */
  provisional = false;

  /**
   * Register the model at declaration under `name` (the class being declared), with the class
   * `Model()` made standing in for the user's class until `bind()` receives it.
   */
  declare(name: string): void {
    if (this.bound) return;
    this.complete(this.base, name, false);
    this.provisional = true;
    // Its relations resolve when the registry is next asked for models, or when the class is
    // first used: a mistake in them is reported there, not while the module is still loading.
    apps.declared(this);
  }

  /** Start resolving the relation fields (once). */
  startRelations(): void {
    if (this.relationsStarted) return;
    this.relationsStarted = true;
    for (const field of [...this.fields, ...this.manyToMany]) {
      if ("resolveRelation" in field) (field as { resolveRelation(): void }).resolveRelation();
    }
  }

  private relationsStarted = false;

  /** Complete the options with the class's name and register the model. Idempotent. */
  bind(model: ModelClass): void {
    if (this.provisional) {
      this.provisional = false;
      this.model = model;
      const name = this.meta.name ?? model.name;
      // The declared name was read from the source; the class's own name wins if they differ.
      if (name && name !== this.objectName) {
        apps.unregister(this);
        this.setNames(name);
        if (!this.meta.historical) apps.register(this);
      }
      this.startRelations();
      apps.resolvePending();
      return;
    }
    if (this.bound) return;
    this.complete(model, this.meta.name ?? model.name);
  }

  private setNames(objectName: string): void {
    this.objectName = objectName;
    this.modelName = this.objectName.toLowerCase();
    this.label = `${this.appLabel}.${this.objectName}`;
    this.labelLower = this.label.toLowerCase();
    this.dbTable = this.meta.dbTable ?? `${this.appLabel}_${this.modelName}`;
  }

  private complete(model: ModelClass, objectName: string, resolve = true): void {
    this.bound = true;
    this.model = model;
    this.setNames(objectName);
    // Read when raised: a model registered at declaration may still be renamed by bind().
    const current = () => this.objectName;
    this.DoesNotExist = class DoesNotExist extends ObjectDoesNotExist {
      override name = `${current()}.DoesNotExist`;
    };
    this.MultipleObjectsReturned = class extends MultipleObjectsReturned {
      override name = `${current()}.MultipleObjectsReturned`;
    };
    if (!this.meta.historical) apps.register(this);
    if (!resolve) return;
    this.startRelations();
    apps.resolvePending();
  }

  get isBound(): boolean {
    return this.bound;
  }

  get verboseName(): string {
    return this.meta.verboseName ?? this.objectName.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  }

  get verboseNamePlural(): string {
    return this.meta.verboseNamePlural ?? `${this.verboseName}s`;
  }

  /** A forward field by name or attname, or a reverse relation by query name. */
  getField(name: string): Field | ManyToManyFieldDef<any> | ReverseRelation {
    const found = this.findField(name);
    if (!found) throw new FieldDoesNotExist(`${this.objectName} has no field named '${name}'`);
    return found;
  }

  findField(name: string): Field | ManyToManyFieldDef<any> | ReverseRelation | undefined {
    const forward = this.byName.get(name);
    if (forward) return forward;
    apps.resolvePending();
    return this.relatedObjects.find((r) => !r.hidden && r.queryName === name);
  }

  /** Names usable in lookups, sorted: what Django lists in "Choices are: ...". */
  lookupNames(): string[] {
    apps.resolvePending();
    // Django lists attnames too (`author_id`), and reverse relations by their query name.
    const names = new Set([...this.fields.flatMap((f) => [f.name, f.attname]), ...this.manyToMany.map((f) => f.name)]);
    for (const r of this.relatedObjects) if (!r.hidden) names.add(r.queryName);
    return [...names].sort();
  }

  addRelatedObject(relation: ReverseRelation): void {
    if (!relation.hidden) this.checkReverseNames(relation);
    this.relatedObjects.push(relation);
  }

  /** Django's fields.E302-E305: a reverse accessor or query name must be unique on this model. */
  private checkReverseNames(relation: ReverseRelation): void {
    const field = `${relation.relatedModel.label}.${relation.field.name}`;
    const hint = "Add or change relatedName (or relatedQueryName) on one of them.";
    for (const other of this.relatedObjects) {
      if (other.hidden) continue;
      const otherField = `${other.relatedModel.label}.${other.field.name}`;
      if (other.accessorName === relation.accessorName) {
        throw new ImproperlyConfigured(`Reverse accessor '${this.objectName}.${relation.accessorName}' for '${field}' clashes with reverse accessor for '${otherField}'. ${hint}`);
      }
      if (other.queryName === relation.queryName) {
        throw new ImproperlyConfigured(`Reverse query name for '${field}' clashes with reverse query name for '${otherField}'. ${hint}`);
      }
    }
    if (this.byName.has(relation.accessorName)) {
      throw new ImproperlyConfigured(`Reverse accessor '${this.objectName}.${relation.accessorName}' for '${field}' clashes with field name '${this.label}.${relation.accessorName}'. ${hint}`);
    }
    if (this.byName.has(relation.queryName)) {
      throw new ImproperlyConfigured(`Reverse query name for '${field}' clashes with field name '${this.label}.${relation.queryName}'. ${hint}`);
    }
  }

  toString(): string {
    return this.label;
  }
}

/** Members of every model instance that a field would hide. */
const RESERVED = new Set(["save", "delete", "fullClean", "clean", "refreshFromDb", "toString", "constructor"]);

/** Django's field name checks (fields.E001-E003, models.E004, models.E026), at declaration. */
function checkFieldNames(entries: [string, DeclaredField][]): void {
  for (const [name, field] of entries) {
    if (name.endsWith("_")) throw new ImproperlyConfigured(`Field names must not end with an underscore: '${name}'.`);
    if (name.includes("__")) throw new ImproperlyConfigured(`Field names must not contain "__": '${name}'.`);
    if (name === "pk") throw new ImproperlyConfigured("'pk' is a reserved word that cannot be used as a field name.");
    if (RESERVED.has(name)) throw new ImproperlyConfigured(`Field name '${name}' would hide the model method ${name}(); choose another name.`);
    if (name === "id" && !field.primaryKey && !entries.some(([, f]) => f.primaryKey)) {
      throw new ImproperlyConfigured("'id' can only be used as a field name if the field also sets 'primaryKey: true'.");
    }
  }
  if (entries.filter(([, f]) => f.primaryKey).length > 1) {
    throw new ImproperlyConfigured("The model cannot have more than one field with 'primaryKey: true'.");
  }
}

/** A not yet contributed copy of a field declared on another model; relations resolve anew. */
function copyField<F extends DeclaredField>(field: F): F {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(field) as object) as F, field);
  (copy as { model?: unknown }).model = undefined;
  if ("resolved" in copy) (copy as unknown as { resolved: boolean }).resolved = false;
  return copy;
}
