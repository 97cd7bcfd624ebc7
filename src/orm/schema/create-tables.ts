import { getBackend } from "../../db/connection.js";
import type { ColumnSpec, TableSpec } from "../../db/schema.js";
import { optionsOf } from "../model/meta-of.js";
import type { Options } from "../model/options.js";
import { apps } from "../model/registry.js";
import { ForeignKeyDef } from "../relations/foreign-key.js";

/** A model's table as the schema editor describes it. */
export function tableSpec(options: Options): TableSpec {
  const columns: ColumnSpec[] = options.fields.map((field) => {
    const fk = field instanceof ForeignKeyDef ? field.requireResolved() : null;
    return {
      name: field.column,
      type: field.internalType,
      maxLength: fk ? fk.targetField.maxLength : field.maxLength,
      maxDigits: (field as { maxDigits?: number }).maxDigits,
      decimalPlaces: (field as { decimalPlaces?: number }).decimalPlaces,
      nullable: field.null,
      primaryKey: field.primaryKey,
      unique: field.unique && !field.primaryKey,
      ...(fk ? { references: { table: fk.remote.dbTable, column: fk.targetField.column } } : {}),
    };
  });
  const columnOf = (name: string) => (options.getField(name) as { column: string }).column;
  const indexes = options.fields
    .filter((f) => (f.dbIndex || f instanceof ForeignKeyDef) && !f.unique)
    .map((f) => ({ name: `${options.dbTable}_${f.column}_idx`.slice(0, 60), columns: [f.column] }));
  for (const index of options.indexes) {
    const cols = index.fields.map((n) => columnOf(n.replace(/^-/, "")));
    indexes.push({ name: index.name ?? `${options.dbTable}_${cols.join("_")}_idx`.slice(0, 60), columns: cols });
  }
  return {
    name: options.dbTable,
    columns,
    uniqueTogether: options.uniqueTogether.map((group) => group.map(columnOf)),
    indexes,
  };
}

/** Every model involved: the given classes (or all bound models), their through models. */
function modelsToCreate(models?: Function[]): Options[] {
  const list = models ? models.map((m) => optionsOf(m)) : apps.all();
  apps.resolvePending();
  const all = new Set<Options>(list);
  for (const options of list) {
    for (const m2m of options.manyToMany) all.add(m2m.requireResolved().through);
  }
  return orderByDependencies([...all]);
}

/** Referenced tables first, so that foreign keys can be declared inline everywhere. */
function orderByDependencies(models: Options[]): Options[] {
  const result: Options[] = [];
  const visiting = new Set<Options>();
  const visit = (options: Options) => {
    if (result.includes(options) || visiting.has(options)) return;
    visiting.add(options);
    for (const field of options.fields) {
      if (field instanceof ForeignKeyDef && models.includes(field.requireResolved().remote)) visit(field.remote);
    }
    result.push(options);
  };
  models.forEach(visit);
  return result;
}

/**
 * Create the tables of the given models (default: every model in use) that do not exist yet.
 * Real migrations are a separate feature; this is what tests and the demo server need.
 */
export async function createTables(models?: Function[], options: { using?: string } = {}): Promise<string[]> {
  const backend = getBackend(options.using);
  const existing = new Set((await backend.query(backend.schema.tableNamesSql(), [])).map((row) => String(row[0])));
  const created: string[] = [];
  // Keys to tables not created yet (models pointing at each other) are added once all exist.
  const later: string[] = [];
  const { addForeignKey } = backend.schema;
  for (const model of modelsToCreate(models)) {
    if (existing.has(model.dbTable)) continue;
    const spec = tableSpec(model);
    if (addForeignKey) {
      for (const column of spec.columns) {
        const target = column.references?.table;
        if (!target || target === spec.name || existing.has(target) || created.includes(target)) continue;
        later.push(addForeignKey(spec.name, column));
        delete column.references;
      }
    }
    for (const statement of backend.schema.createTable(spec)) await backend.execute(statement, []);
    created.push(model.dbTable);
  }
  for (const statement of later) await backend.execute(statement, []);
  return created;
}

/**
 * Drop the tables of the given models (default: every model in use), dependents first. Keys
 * that form a cycle (A → B → A) are dropped with the backend's foreign-key checks off, on one
 * connection, and the checks are turned on again whatever happens.
 */
export async function dropTables(models?: Function[], options: { using?: string } = {}): Promise<void> {
  const backend = getBackend(options.using);
  const statements = modelsToCreate(models).reverse().map((model) => backend.schema.dropTable(model.dbTable));
  const checks = backend.schema.foreignKeyChecks;
  if (!checks) {
    for (const statement of statements) await backend.execute(statement, []);
    return;
  }
  const connection = await backend.acquire();
  try {
    await connection.execute(checks.off, []);
    try {
      for (const statement of statements) await connection.execute(statement, []);
    } finally {
      await connection.execute(checks.on, []);
    }
  } finally {
    connection.release();
  }
}
