import {
  AutoField, BigAutoField, BigIntegerField, BooleanField, CharField, DateField, DateTimeField, DecimalField, EmailField,
  FloatField, ForeignKey, IntegerField, JSONField, ManyToManyField, OneToOneField, PositiveBigIntegerField,
  PositiveIntegerField, PositiveSmallIntegerField, SlugField, SmallAutoField, SmallIntegerField, TextField, URLField, UUIDField,
} from "../index.js";
import type { Field } from "../orm/fields/field.js";
import { ForeignKeyDef } from "../orm/relations/foreign-key.js";
import { ManyToManyFieldDef } from "../orm/relations/many-to-many.js";
import type { OnDelete } from "../orm/relations/on-delete.js";

/**
 * A field as migrations hold it (Django's `Field.deconstruct()`): the factory's name, the
 * lower-cased label of a relation's target, and the options that matter to the schema or to a
 * reader. Validators and error messages are code, not schema, and are left out.
 */
export interface FieldDesc {
  readonly kind: string;
  /** `"app.model"` (lower case) for relations. */
  readonly to?: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/** A declared field: a torest field object (from a model or a migration file). */
export type AnyField = Field<any, boolean, boolean> | ManyToManyFieldDef<any>;

const SKIPPED = new Set(["validators", "errorMessages"]);

/** Options a factory adds by itself (`EmailField` is 254 long): omitted when written. */
export const IMPLIED: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  EmailField: { maxLength: 254 },
  URLField: { maxLength: 200 },
  SlugField: { maxLength: 50, dbIndex: true },
  AutoField: { primaryKey: true },
  BigAutoField: { primaryKey: true },
  SmallAutoField: { primaryKey: true },
};

/** The target label of a relation; `owner` resolves bare names and "self". */
export function targetLabel(field: ForeignKeyDef | ManyToManyFieldDef<any>, owner?: { appLabel: string; modelName: string }): string {
  const to = field.to as unknown;
  if (typeof to === "string") {
    if (to === "self") return owner ? `${owner.appLabel}.${owner.modelName}` : "self";
    const label = to.includes(".") || !owner ? to : `${owner.appLabel}.${to}`;
    return label.toLowerCase();
  }
  return field.requireResolved().remote.labelLower;
}

/** Django's `deconstruct()`. */
export function deconstruct(field: AnyField, owner?: { appLabel: string; modelName: string }): FieldDesc {
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(field.options as Record<string, unknown>)) {
    if (value !== undefined && !SKIPPED.has(name) && !(name === "through" && typeof value !== "string")) options[name] = value;
  }
  if (field instanceof ManyToManyFieldDef) {
    const through = field.options.through;
    if (through !== undefined && typeof through !== "string") options.through = field.requireResolved().through.labelLower;
    return { kind: "ManyToManyField", to: targetLabel(field, owner), options };
  }
  if (field instanceof ForeignKeyDef) {
    // The constructor folds oneToOne into `unique`; the kind already says it.
    if (options.unique === field.oneToOne) delete options.unique;
    return { kind: field.kind, to: targetLabel(field, owner), options };
  }
  const kind = (field as unknown as { kind?: string }).kind;
  if (!kind) throw new TypeError(`Migrations cannot describe the field ${field.name}: it has no kind.`);
  for (const [name, value] of Object.entries(IMPLIED[kind] ?? {})) if (options[name] === value) delete options[name];
  return { kind, options };
}

type Factory = (options: Record<string, unknown>, to?: string) => AnyField;

const FACTORIES: Record<string, Factory> = {
  AutoField: (o) => AutoField(o), BigAutoField: (o) => BigAutoField(o), SmallAutoField: (o) => SmallAutoField(o),
  IntegerField: (o) => IntegerField(o), SmallIntegerField: (o) => SmallIntegerField(o), BigIntegerField: (o) => BigIntegerField(o),
  PositiveIntegerField: (o) => PositiveIntegerField(o), PositiveSmallIntegerField: (o) => PositiveSmallIntegerField(o),
  PositiveBigIntegerField: (o) => PositiveBigIntegerField(o), FloatField: (o) => FloatField(o),
  DecimalField: (o) => DecimalField(o as never), BooleanField: (o) => BooleanField(o), DateField: (o) => DateField(o),
  DateTimeField: (o) => DateTimeField(o as never), UUIDField: (o) => UUIDField(o), JSONField: (o) => JSONField(o),
  CharField: (o) => CharField(o as never), TextField: (o) => TextField(o), EmailField: (o) => EmailField(o),
  URLField: (o) => URLField(o), SlugField: (o) => SlugField(o),
  ForeignKey: (o, to) => ForeignKey(to!, o as never), OneToOneField: (o, to) => OneToOneField(to!, o as never),
  ManyToManyField: (o, to) => ManyToManyField(to!, o),
};

/** Known field kinds (for the writer's imports). */
export const FIELD_KINDS: ReadonlySet<string> = new Set(Object.keys(FACTORIES));

/** A fresh field object from a description; `to` may be replaced by a thunk for historical models. */
export function buildField(desc: FieldDesc, to?: unknown): AnyField {
  const factory = FACTORIES[desc.kind];
  if (!factory) throw new TypeError(`Unknown field kind '${desc.kind}' in a migration.`);
  return factory({ ...desc.options }, (to ?? desc.to) as string);
}

/** Internal storage type of a non-relation kind (EmailField stores as CharField). */
export function internalTypeOf(kind: string): string {
  return kind === "EmailField" || kind === "URLField" ? "CharField" : kind;
}

/** Comparable form of a description (functions by source, as Django compares deconstructed paths). */
export function descKey(desc: FieldDesc): string {
  return JSON.stringify(desc, (_k, value: unknown) => {
    if (typeof value === "function") return `fn:${value.toString()}`;
    if (value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return value;
  });
}

export const onDeleteOf = (desc: FieldDesc) => desc.options.onDelete as OnDelete | undefined;
