/**
 * torest/migrations: what migration files import (Django's `django.db.migrations`).
 *
 * ```ts
 * import { Migration, CreateModel, AddField } from "torest/migrations";
 * ```
 */
import type { AnyField, FieldDesc } from "./fields.js";
import { AlterFieldOperation, AddFieldOperation, RemoveFieldOperation, RenameFieldOperation } from "./operations/fields.js";
import {
  AddConstraintOperation, AddIndexOperation, AlterUniqueTogetherOperation, RemoveConstraintOperation, RemoveIndexOperation,
} from "./operations/meta.js";
import { AlterModelTableOperation, CreateModelOperation, DeleteModelOperation, RenameModelOperation, type DeclaredFields } from "./operations/models.js";
import { RunCodeOperation, RunSQLOperation, type MigrationCode } from "./operations/special.js";
import type { ModelStateOptions } from "./state.js";

export { Migration, type MigrationKey, type MigrationSpec } from "./migration.js";
export { Operation, IrreversibleError, type SchemaContext } from "./operations/base.js";
export { HistoricalApps } from "./historical.js";
export { noop, type MigrationCode } from "./operations/special.js";
export type { ModelStateOptions } from "./state.js";

type Field = AnyField | FieldDesc;

export const CreateModel = (a: { name: string; fields: DeclaredFields; options?: ModelStateOptions }) => new CreateModelOperation(a.name, a.fields, a.options);
export const DeleteModel = (a: { name: string }) => new DeleteModelOperation(a.name);
export const RenameModel = (a: { oldName: string; newName: string }) => new RenameModelOperation(a.oldName, a.newName);
export const AlterModelTable = (a: { name: string; table: string | null }) => new AlterModelTableOperation(a.name, a.table ?? undefined);
export const AddField = (a: { modelName: string; name: string; field: Field; preserveDefault?: boolean }) =>
  new AddFieldOperation(a.modelName, a.name, a.field, a.preserveDefault ?? true);
export const RemoveField = (a: { modelName: string; name: string }) => new RemoveFieldOperation(a.modelName, a.name);
export const AlterField = (a: { modelName: string; name: string; field: Field; preserveDefault?: boolean }) =>
  new AlterFieldOperation(a.modelName, a.name, a.field, a.preserveDefault ?? true);
export const RenameField = (a: { modelName: string; oldName: string; newName: string }) => new RenameFieldOperation(a.modelName, a.oldName, a.newName);
export const AlterUniqueTogether = (a: { name: string; uniqueTogether: string[][] }) => new AlterUniqueTogetherOperation(a.name, a.uniqueTogether);
export const AddIndex = (a: { modelName: string; index: { fields: string[]; name: string } }) => new AddIndexOperation(a.modelName, a.index);
export const RemoveIndex = (a: { modelName: string; name: string }) => new RemoveIndexOperation(a.modelName, a.name);
export const AddConstraint = (a: { modelName: string; constraint: { type: "unique"; fields: string[]; name: string } }) =>
  new AddConstraintOperation(a.modelName, a.constraint);
export const RemoveConstraint = (a: { modelName: string; name: string }) => new RemoveConstraintOperation(a.modelName, a.name);
export const RunSQL = (a: { sql: string | string[]; reverseSql?: string | string[] }) => new RunSQLOperation(a.sql, a.reverseSql);
export const RunCode = (a: { code: MigrationCode; reverseCode?: MigrationCode }) => new RunCodeOperation(a.code, a.reverseCode);
