import type { AlterHints } from "../../db/schema-editor.js";
import { buildField, type AnyField, type FieldDesc } from "../fields.js";
import type { ModelState, ProjectState } from "../state.js";
import { alterModelTable } from "../sync.js";
import { columnOf, isManyToMany, throughTableOf } from "../table-spec.js";
import { Operation, type SchemaContext } from "./base.js";
import { toDesc } from "./models.js";

const TEXT_KINDS = new Set(["CharField", "TextField", "EmailField", "URLField", "SlugField"]);

/** The value existing rows get for a field: its default (called if a function), as the driver stores it. */
function fillValue(context: SchemaContext, desc: FieldDesc): unknown {
  if (desc.options.default === undefined) {
    // Django's effective default: text columns that cannot be null start as "".
    return desc.options.null !== true && TEXT_KINDS.has(desc.kind) && !desc.options.primaryKey ? "" : undefined;
  }
  if (desc.kind === "ForeignKey" || desc.kind === "OneToOneField") {
    const d = desc.options.default;
    return typeof d === "function" ? (d as () => unknown)() : d;
  }
  const field = buildField(desc) as { getDefault(): unknown; toDb(ops: unknown, value: unknown): unknown };
  return field.toDb(context.backend.ops, field.getDefault());
}

abstract class FieldOperation extends Operation {
  constructor(readonly modelName: string, readonly name: string) {
    super();
  }

  protected models(context: SchemaContext): [ModelState, ModelState] {
    return [context.from.get(context.appLabel, this.modelName), context.to.get(context.appLabel, this.modelName)];
  }

  /**
   * Drops the field that `context.from` has and `context.to` lacks: its through table for a
   * many-to-many, else the column (a table rebuild where the database needs one). AddField
   * backwards and RemoveField forwards are this same step.
   */
  protected async dropField(context: SchemaContext): Promise<void> {
    const [before, after] = this.models(context);
    const desc = before.field(this.name)!;
    if (isManyToMany(desc)) {
      const through = throughTableOf(context.from, before, this.name, desc);
      if (through) await context.editor.dropTable(through.name);
      return;
    }
    await alterModelTable(context.editor, context.from, before, context.to, after);
  }
}

/** Django's `AddField` (`preserveDefault: false` drops a one-off default from the state after use). */
export class AddFieldOperation extends FieldOperation {
  constructor(modelName: string, name: string, readonly field: AnyField | FieldDesc, readonly preserveDefault = true) {
    super(modelName, name);
  }

  private desc(appLabel: string): FieldDesc {
    return toDesc(this.field, appLabel, this.modelName);
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    const desc = this.desc(appLabel);
    const options = { ...desc.options };
    if (!this.preserveDefault) delete options.default;
    state.get(appLabel, this.modelName).fields.push([this.name, { ...desc, options }]);
  }

  async databaseForwards(context: SchemaContext): Promise<void> {
    const [before, after] = this.models(context);
    const desc = this.desc(context.appLabel);
    if (isManyToMany(desc)) {
      const through = throughTableOf(context.to, after, this.name, desc);
      if (through) await context.editor.createTable(through);
      return;
    }
    const fill = fillValue(context, desc);
    const hints: AlterHints = fill === undefined ? {} : { defaults: { [columnOf(this.name, desc)]: fill } };
    await alterModelTable(context.editor, context.from, before, context.to, after, hints);
  }

  async databaseBackwards(context: SchemaContext): Promise<void> {
    await this.dropField(context);
  }

  describe(): string {
    return `Add field ${this.name} to ${this.modelName.toLowerCase()}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["AddField", { modelName: this.modelName.toLowerCase(), name: this.name, field: this.field, ...(this.preserveDefault ? {} : { preserveDefault: false }) }];
  }

  override get migrationNameFragment(): string {
    return `${this.modelName.toLowerCase()}_${this.name}`;
  }
}

/** Django's `RemoveField`. */
export class RemoveFieldOperation extends FieldOperation {
  stateForwards(appLabel: string, state: ProjectState): void {
    const model = state.get(appLabel, this.modelName);
    model.fields = model.fields.filter(([n]) => n !== this.name);
    // Meta entries naming the field go with it (Django's ProjectState.remove_field).
    const o = model.options;
    const uses = (fields: string[]) => fields.some((f) => f.replace(/^-/, "") === this.name);
    if (o.uniqueTogether) o.uniqueTogether = o.uniqueTogether.filter((g) => !uses(g));
    if (o.indexes) o.indexes = o.indexes.filter((i) => !uses(i.fields));
    if (o.constraints) o.constraints = o.constraints.filter((c) => !uses(c.fields));
    for (const key of ["uniqueTogether", "indexes", "constraints"] as const) if (o[key]?.length === 0) delete o[key];
  }

  async databaseForwards(context: SchemaContext): Promise<void> {
    await this.dropField(context);
  }

  async databaseBackwards(context: SchemaContext): Promise<void> {
    const [before, after] = this.models(context);
    const desc = after.field(this.name)!;
    if (isManyToMany(desc)) {
      const through = throughTableOf(context.to, after, this.name, desc);
      if (through) await context.editor.createTable(through);
      return;
    }
    const fill = fillValue(context, desc);
    await alterModelTable(context.editor, context.from, before, context.to, after, fill === undefined ? {} : { defaults: { [columnOf(this.name, desc)]: fill } });
  }

  describe(): string {
    return `Remove field ${this.name} from ${this.modelName.toLowerCase()}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["RemoveField", { modelName: this.modelName.toLowerCase(), name: this.name }];
  }

  override get migrationNameFragment(): string {
    return `remove_${this.modelName.toLowerCase()}_${this.name}`;
  }
}

/** Django's `AlterField`: type, null, default, unique, max length, db index, choices... */
export class AlterFieldOperation extends FieldOperation {
  constructor(modelName: string, name: string, readonly field: AnyField | FieldDesc, readonly preserveDefault = true) {
    super(modelName, name);
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    const model = state.get(appLabel, this.modelName);
    const desc = toDesc(this.field, appLabel, this.modelName);
    const options = { ...desc.options };
    if (!this.preserveDefault) delete options.default;
    model.fields = model.fields.map(([n, d]) => [n, n === this.name ? { ...desc, options } : d]);
  }

  private async alter(context: SchemaContext, before: ModelState, after: ModelState): Promise<void> {
    const oldDesc = before.field(this.name)!;
    const newDesc = after.field(this.name)!;
    if (isManyToMany(oldDesc) || isManyToMany(newDesc)) {
      const a = throughTableOf(context.from, before, this.name, oldDesc);
      const b = throughTableOf(context.to, after, this.name, newDesc);
      if (a && b) await context.editor.renameTable(a.name, b.name);
      return;
    }
    const oldColumn = columnOf(this.name, oldDesc);
    const newColumn = columnOf(this.name, newDesc);
    const fill = fillValue(context, newDesc) ?? fillValue(context, toDesc(this.field, context.appLabel, this.modelName));
    const hints: AlterHints = {
      ...(oldColumn !== newColumn ? { renamed: { [newColumn]: oldColumn } } : {}),
      ...(fill !== undefined ? { defaults: { [newColumn]: fill } } : {}),
    };
    await alterModelTable(context.editor, context.from, before, context.to, after, hints);
  }

  async databaseForwards(context: SchemaContext): Promise<void> {
    const [before, after] = this.models(context);
    await this.alter(context, before, after);
  }

  async databaseBackwards(context: SchemaContext): Promise<void> {
    const [before, after] = this.models(context);
    await this.alter(context, before, after);
  }

  describe(): string {
    return `Alter field ${this.name} on ${this.modelName.toLowerCase()}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["AlterField", { modelName: this.modelName.toLowerCase(), name: this.name, field: this.field, ...(this.preserveDefault ? {} : { preserveDefault: false }) }];
  }

  override get migrationNameFragment(): string {
    return `alter_${this.modelName.toLowerCase()}_${this.name}`;
  }
}

/** Django's `RenameField` (references in uniqueTogether and indexes follow). */
export class RenameFieldOperation extends Operation {
  constructor(readonly modelName: string, readonly oldName: string, readonly newName: string) {
    super();
  }

  stateForwards(appLabel: string, state: ProjectState): void {
    const model = state.get(appLabel, this.modelName);
    model.fields = model.fields.map(([n, d]) => [n === this.oldName ? this.newName : n, d]);
    const swap = (f: string) => (f === this.oldName ? this.newName : f === `-${this.oldName}` ? `-${this.newName}` : f);
    const o = model.options;
    if (o.uniqueTogether) o.uniqueTogether = o.uniqueTogether.map((g) => g.map(swap));
    if (o.indexes) o.indexes = o.indexes.map((i) => ({ ...i, fields: i.fields.map(swap) }));
    if (o.constraints) o.constraints = o.constraints.map((c) => ({ ...c, fields: c.fields.map(swap) }));
  }

  private async rename(context: SchemaContext, oldName: string, newName: string): Promise<void> {
    const before = context.from.get(context.appLabel, this.modelName);
    const after = context.to.get(context.appLabel, this.modelName);
    const oldDesc = before.field(oldName)!;
    const newDesc = after.field(newName)!;
    if (isManyToMany(oldDesc)) {
      const a = throughTableOf(context.from, before, oldName, oldDesc);
      const b = throughTableOf(context.to, after, newName, newDesc);
      if (a && b) await context.editor.renameTable(a.name, b.name);
      return;
    }
    const renamed = { [columnOf(newName, newDesc)]: columnOf(oldName, oldDesc) };
    await alterModelTable(context.editor, context.from, before, context.to, after, { renamed });
  }

  databaseForwards(context: SchemaContext): Promise<void> {
    return this.rename(context, this.oldName, this.newName);
  }

  databaseBackwards(context: SchemaContext): Promise<void> {
    return this.rename(context, this.newName, this.oldName);
  }

  describe(): string {
    return `Rename field ${this.oldName} on ${this.modelName.toLowerCase()} to ${this.newName}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["RenameField", { modelName: this.modelName.toLowerCase(), oldName: this.oldName, newName: this.newName }];
  }

  override get migrationNameFragment(): string {
    return `rename_${this.oldName}_${this.modelName.toLowerCase()}_${this.newName}`;
  }
}
