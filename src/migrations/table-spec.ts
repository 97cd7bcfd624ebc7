import type { InternalType } from "../db/operations.js";
import type { ColumnSpec, TableSpec } from "../db/schema.js";
import { IMPLIED, internalTypeOf, type FieldDesc } from "./fields.js";
import type { ModelState, ProjectState } from "./state.js";

const AUTO_TO_PLAIN: Record<string, InternalType> = { AutoField: "IntegerField", BigAutoField: "BigIntegerField", SmallAutoField: "SmallIntegerField" };

/** An option, counting what the kind implies (`SlugField` is indexed, auto fields are keys). */
export function optionOf(desc: FieldDesc, name: string): unknown {
  return desc.options[name] ?? IMPLIED[desc.kind]?.[name];
}

export const isRelation = (desc: FieldDesc) => desc.kind === "ForeignKey" || desc.kind === "OneToOneField";
export const isManyToMany = (desc: FieldDesc) => desc.kind === "ManyToManyField";

/** A field's column name. */
export function columnOf(name: string, desc: FieldDesc): string {
  return (desc.options.dbColumn as string | undefined) ?? (isRelation(desc) ? `${name}_id` : name);
}

/** The primary key of a model state. */
export function pkOf(model: ModelState): [string, FieldDesc] {
  const pk = model.fields.find(([, d]) => optionOf(d, "primaryKey") === true);
  if (!pk) throw new Error(`Model '${model.key}' has no primary key in the migration state.`);
  return pk;
}

/** The column a relation points at: its target model and referenced field. */
function targetOf(state: ProjectState, desc: FieldDesc): { model: ModelState; name: string; desc: FieldDesc } {
  const model = state.find(desc.to!);
  if (!model) throw new Error(`Related model '${desc.to}' is not in the migration state: add a dependency on the migration that creates it.`);
  const toField = desc.options.toField as string | undefined;
  const [name, target] = toField ? [toField, model.field(toField)!] : pkOf(model);
  return { model, name, desc: target };
}

/** The column a field makes (not for many-to-many). */
export function columnSpec(state: ProjectState, name: string, desc: FieldDesc): ColumnSpec {
  const primaryKey = optionOf(desc, "primaryKey") === true;
  const base = {
    name: columnOf(name, desc),
    nullable: desc.options.null === true,
    primaryKey,
    unique: (desc.options.unique === true || desc.kind === "OneToOneField") && !primaryKey,
  };
  if (isRelation(desc)) {
    const target = targetOf(state, desc);
    const targetColumn = columnSpec(state, target.name, target.desc);
    return {
      ...base,
      type: AUTO_TO_PLAIN[targetColumn.type] ?? targetColumn.type,
      maxLength: targetColumn.maxLength,
      references: { table: target.model.dbTable, column: targetColumn.name },
    };
  }
  return {
    ...base,
    type: internalTypeOf(desc.kind) as InternalType,
    maxLength: optionOf(desc, "maxLength") as number | undefined,
    maxDigits: desc.options.maxDigits as number | undefined,
    decimalPlaces: desc.options.decimalPlaces as number | undefined,
  };
}

const indexName = (table: string, columns: string[]) => `${table}_${columns.join("_")}_idx`.slice(0, 60);

/** The table of a model state: what `createTables` makes for the same model (orm/schema/create-tables.ts). */
export function tableOf(state: ProjectState, model: ModelState): TableSpec {
  const concrete = model.fields.filter(([, d]) => !isManyToMany(d));
  const columns = concrete.map(([name, desc]) => columnSpec(state, name, desc));
  const column = (field: string) => {
    const desc = model.field(field);
    if (!desc) throw new Error(`${model.name} has no field '${field}' in the migration state.`);
    return columnOf(field, desc);
  };
  const indexes: TableSpec["indexes"] = concrete
    .filter(([, d]) => (optionOf(d, "dbIndex") === true || isRelation(d)) && !(d.options.unique || optionOf(d, "primaryKey") || d.kind === "OneToOneField"))
    .map(([name, d]) => ({ name: indexName(model.dbTable, [columnOf(name, d)]), columns: [columnOf(name, d)] }));
  for (const index of model.options.indexes ?? []) {
    const cols = index.fields.map((f) => column(f.replace(/^-/, "")));
    indexes.push({ name: index.name ?? indexName(model.dbTable, cols), columns: cols });
  }
  const groups = [...(model.options.uniqueTogether ?? []), ...(model.options.constraints ?? []).map((c) => c.fields)];
  return { name: model.dbTable, columns, uniqueTogether: groups.map((g) => g.map(column)), indexes };
}

/** The auto-created through table of a many-to-many field without `through`, or null. */
export function throughTableOf(state: ProjectState, model: ModelState, name: string, desc: FieldDesc): TableSpec | null {
  if (desc.options.through) return null;
  const remote = state.find(desc.to!);
  if (!remote) throw new Error(`Related model '${desc.to}' is not in the migration state.`);
  const self = remote === model;
  const from = self ? `from_${model.nameLower}` : model.nameLower;
  const to = self ? `to_${remote.nameLower}` : remote.nameLower;
  const table = (desc.options.dbTable as string | undefined) ?? `${model.dbTable}_${name}`;
  const key = (target: ModelState) => {
    const [pkName, pkDesc] = pkOf(target);
    const spec = columnSpec(state, pkName, pkDesc);
    return { type: AUTO_TO_PLAIN[spec.type] ?? spec.type, maxLength: spec.maxLength, references: { table: target.dbTable, column: spec.name } };
  };
  const columns: ColumnSpec[] = [
    { name: "id", type: "BigAutoField", nullable: false, primaryKey: true, unique: false },
    { name: `${from}_id`, nullable: false, primaryKey: false, unique: false, ...key(model) },
    { name: `${to}_id`, nullable: false, primaryKey: false, unique: false, ...key(remote) },
  ];
  return {
    name: table,
    columns,
    uniqueTogether: [[`${from}_id`, `${to}_id`]],
    indexes: [`${from}_id`, `${to}_id`].map((c) => ({ name: indexName(table, [c]), columns: [c] })),
  };
}

/** The through tables of a model's auto-created many-to-many fields. */
export function throughTablesOf(state: ProjectState, model: ModelState): TableSpec[] {
  return model.fields.filter(([, d]) => isManyToMany(d)).map(([n, d]) => throughTableOf(state, model, n, d)).filter((t): t is TableSpec => t !== null);
}
