import { deconstruct, type AnyField, type FieldDesc } from "../fields.js";
import { ModelState, type ModelStateOptions, type ProjectState } from "../state.js";
import { syncThroughTables } from "../sync.js";
import { tableOf, throughTablesOf } from "../table-spec.js";
import { Operation, type SchemaContext } from "./base.js";

/** Fields as a migration file declares them: `{ id: BigAutoField(...), name: CharField(...) }`. */
export type DeclaredFields = Record<string, AnyField | FieldDesc>;

export function toDesc(field: AnyField | FieldDesc, appLabel: string, modelName: string): FieldDesc {
  if ("kind" in field && "options" in field && !("contribute" in field)) return field as FieldDesc;
  return deconstruct(field as AnyField, { appLabel, modelName: modelName.toLowerCase() });
}

/** Django's `CreateModel`. */
export class CreateModelOperation extends Operation {
  constructor(readonly name: string, readonly fields: DeclaredFields, readonly options: ModelStateOptions = {}) {
    super();
  }

  private modelState(appLabel: string): ModelState {
    const fields = Object.entries(this.fields).map(([n, f]) => [n, toDesc(f, appLabel, this.name)] as [string, FieldDesc]);
    return new ModelState(appLabel, this.name, fields, structuredClone(this.options));
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    state.add(this.modelState(appLabel));
  }

  async databaseForwards({ appLabel, editor, to }: SchemaContext): Promise<void> {
    const model = to.get(appLabel, this.name);
    await editor.createTable(tableOf(to, model));
    for (const through of throughTablesOf(to, model)) await editor.createTable(through);
  }

  async databaseBackwards({ appLabel, editor, from }: SchemaContext): Promise<void> {
    const model = from.get(appLabel, this.name);
    for (const through of throughTablesOf(from, model)) await editor.dropTable(through.name);
    await editor.dropTable(model.dbTable);
  }

  describe(): string {
    return `Create model ${this.name}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["CreateModel", { name: this.name, fields: this.fields, ...(Object.keys(this.options).length ? { options: this.options } : {}) }];
  }

  override get migrationNameFragment(): string {
    return this.name.toLowerCase();
  }

  /** Descriptions of the fields (the writer and autodetector use these). */
  fieldDescs(appLabel: string): [string, FieldDesc][] {
    return this.modelState(appLabel).fields;
  }
}

/** Django's `DeleteModel`. */
export class DeleteModelOperation extends Operation {
  constructor(readonly name: string) {
    super();
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    state.remove(appLabel, this.name);
  }

  async databaseForwards({ appLabel, editor, from }: SchemaContext): Promise<void> {
    const model = from.get(appLabel, this.name);
    for (const through of throughTablesOf(from, model)) await editor.dropTable(through.name);
    await editor.dropTable(model.dbTable);
  }

  async databaseBackwards({ appLabel, editor, to }: SchemaContext): Promise<void> {
    const model = to.get(appLabel, this.name);
    await editor.createTable(tableOf(to, model));
    for (const through of throughTablesOf(to, model)) await editor.createTable(through);
  }

  describe(): string {
    return `Delete model ${this.name}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["DeleteModel", { name: this.name }];
  }

  override get migrationNameFragment(): string {
    return `delete_${this.name.toLowerCase()}`;
  }
}

/** Django's `RenameModel`: the table (when named after the model), relations to it, its through tables. */
export class RenameModelOperation extends Operation {
  constructor(readonly oldName: string, readonly newName: string) {
    super();
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    const model = state.get(appLabel, this.oldName);
    const oldKey = model.key;
    const renamed = new ModelState(appLabel, this.newName, model.fields, model.options);
    state.remove(appLabel, this.oldName);
    state.add(renamed);
    const newKey = renamed.key;
    for (const other of state.models.values()) {
      other.fields = other.fields.map(([n, d]) => [n, d.to === oldKey ? { ...d, to: newKey } : d]);
    }
  }

  private async rename(context: SchemaContext, from: ProjectState, to: ProjectState, oldName: string, newName: string): Promise<void> {
    const { appLabel, editor } = context;
    const before = from.get(appLabel, oldName);
    const after = to.get(appLabel, newName);
    await editor.renameTable(before.dbTable, after.dbTable);
    await syncThroughTables(editor, from, to, new Map([[before.key, after.key]]));
  }

  async databaseForwards(context: SchemaContext): Promise<void> {
    await this.rename(context, context.from, context.to, this.oldName, this.newName);
  }

  async databaseBackwards(context: SchemaContext): Promise<void> {
    await this.rename(context, context.from, context.to, this.newName, this.oldName);
  }

  describe(): string {
    return `Rename model ${this.oldName} to ${this.newName}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["RenameModel", { oldName: this.oldName, newName: this.newName }];
  }

  override get migrationNameFragment(): string {
    return `rename_${this.oldName.toLowerCase()}_${this.newName.toLowerCase()}`;
  }
}

/** Django's `AlterModelTable`. */
export class AlterModelTableOperation extends Operation {
  constructor(readonly name: string, readonly table: string | undefined) {
    super();
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    const model = state.get(appLabel, this.name);
    if (this.table === undefined) delete model.options.dbTable;
    else model.options.dbTable = this.table;
  }

  private async move(context: SchemaContext): Promise<void> {
    const { appLabel, editor, from, to } = context;
    const before = from.get(appLabel, this.name);
    const after = to.get(appLabel, this.name);
    await editor.renameTable(before.dbTable, after.dbTable);
    await syncThroughTables(editor, from, to, new Map([[before.key, after.key]]));
  }

  databaseForwards(context: SchemaContext): Promise<void> {
    return this.move(context);
  }

  databaseBackwards(context: SchemaContext): Promise<void> {
    return this.move(context);
  }

  describe(): string {
    return `Rename table for ${this.name} to ${this.table ?? "(default)"}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["AlterModelTable", { name: this.name, table: this.table ?? null }];
  }

  override get migrationNameFragment(): string {
    return `alter_${this.name.toLowerCase()}_table`;
  }
}

