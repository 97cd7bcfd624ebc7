import { getBackend } from "../../db/connection.js";
import { atomic, executorFor } from "../../db/transaction.js";
import { FieldError, InvalidOperation } from "../errors.js";
import { Expression } from "../expressions/expression.js";
import type { Field } from "../fields/field.js";
import type { Options } from "../model/options.js";
import { isAutoPk, prepareRelatedFields } from "../model/persistence.js";
import { stateOf } from "../model/state.js";
import { SqlCompiler } from "../sql/compiler.js";
import { compileInsertRows } from "../sql/write.js";
import { Query } from "./query.js";

type Instance = Record<string, unknown>;

export interface BulkCreateOptions {
  /** Rows per INSERT (default: as many as the backend's parameter limit allows). */
  batchSize?: number;
  /** Skip rows that violate a unique constraint (their primary keys stay unset). */
  ignoreConflicts?: boolean;
  /**
   * Update the rows that conflict instead (an upsert: `ON CONFLICT ... DO UPDATE`, MySQL's
   * `ON DUPLICATE KEY UPDATE`), writing `updateFields`.
   */
  updateConflicts?: boolean;
  updateFields?: string[];
  /** The unique fields whose conflict triggers the update (not needed on MySQL). */
  uniqueFields?: string[];
}

/** Quoted columns of `updateFields` / `uniqueFields`, checked as Django's `_check_bulk_create_options`. */
function upsertColumns(options: Options, opts: BulkCreateOptions, backend: ReturnType<typeof getBackend>): { unique: string[]; update: string[] } | null {
  if (!opts.updateConflicts) return null;
  if (opts.ignoreConflicts) throw new InvalidOperation("ignoreConflicts and updateConflicts are mutually exclusive.");
  if (!backend.ops.upsert) throw new InvalidOperation("This database backend does not support updating conflicts.");
  if (!opts.updateFields?.length) throw new InvalidOperation("Fields that will be updated when a row insertion fails on conflicts must be provided.");
  if (backend.features.upsertNeedsConflictTarget && !opts.uniqueFields?.length) {
    throw new InvalidOperation("Unique fields that can trigger the upsert must be provided.");
  }
  const columns = (names: string[], what: string) => names.map((name) => {
    const field = name === "pk" ? options.pk : options.findField(name);
    if (!field || !("column" in field) || !field.concrete) throw new FieldError(`bulkCreate() can only be used with concrete fields in ${what}.`);
    if (what === "updateFields" && (field as Field).primaryKey) throw new FieldError("bulkCreate() cannot be used with primary keys in updateFields.");
    return backend.ops.quoteName((field as Field).column);
  });
  return { unique: columns(opts.uniqueFields ?? [], "uniqueFields"), update: columns(opts.updateFields, "updateFields") };
}

/** Django checks the batch size before anything else (even before an empty list returns). */
function checkBatchSize(asked: number | undefined): void {
  if (asked !== undefined && (!Number.isInteger(asked) || asked <= 0)) throw new InvalidOperation("Batch size must be a positive integer.");
}

/** Rows per statement: the asked size, capped by the backend's parameter limit. */
function batchSizeFor(asked: number | undefined, paramsPerRow: number, maxParams: number): number {
  checkBatchSize(asked);
  return Math.max(1, Math.min(asked ?? Infinity, Math.floor(maxParams / Math.max(1, paramsPerRow))));
}

/** The type `field`'s values are cast to on this backend (the table that `Cast()` uses). */
function castType(backend: ReturnType<typeof getBackend>, field: Field): string {
  const { maxDigits, decimalPlaces } = field as { maxDigits?: number; decimalPlaces?: number };
  return backend.ops.castType?.(field.internalType, { maxDigits, decimalPlaces }) ?? backend.schema.columnType({
    name: field.column, type: field.internalType, nullable: true, primaryKey: false, unique: false,
  });
}

/**
 * Insert many objects in few statements (Django's `bulk_create`). Generated primary keys are
 * set on the objects where the backend returns them (`features.supportsReturning`).
 */
export async function bulkCreate<T>(options: Options, objects: T[], alias: string, opts: BulkCreateOptions = {}): Promise<T[]> {
  checkBatchSize(opts.batchSize);
  const instances = objects as unknown as Instance[];
  if (!instances.length) return objects;
  const backend = getBackend(alias);
  if (opts.ignoreConflicts && !backend.features.supportsIgnoreConflicts) {
    throw new InvalidOperation("This database backend does not support ignoring conflicts.");
  }
  const upsert = upsertColumns(options, opts, backend);
  for (const instance of instances) {
    if (!(instance instanceof options.model)) throw new InvalidOperation(`'${options.objectName}' instance expected, got ${String(instance)}`);
    prepareRelatedFields(instance, options, "bulkCreate()");
  }
  const pk = options.pk;
  const withPk = instances.filter((i) => i[pk.attname] !== null && i[pk.attname] !== undefined);
  const withoutPk = instances.filter((i) => i[pk.attname] === null || i[pk.attname] === undefined);
  const auto = isAutoPk(options);
  const insert = async (group: Instance[], fields: Field[], returnPk: boolean) => {
    const size = batchSizeFor(opts.batchSize, fields.length, backend.features.maxQueryParams);
    for (let start = 0; start < group.length; start += size) {
      const batch = group.slice(start, start + size);
      const rows = batch.map((instance) => fields.map((f) => f.preSave(instance, true)));
      // The conflict clause goes before RETURNING.
      const statement = compileInsertRows(options, fields, rows, backend);
      let sql = opts.ignoreConflicts ? backend.ops.ignoreConflicts(statement.sql)
        : upsert ? backend.ops.upsert!(statement.sql, upsert.unique, upsert.update) : statement.sql;
      if (returnPk) sql += (await backend.bulkInsertReturning([backend.ops.quoteName(pk.column)])) ?? "";
      const result = await executorFor(backend).execute(sql, statement.params);
      if (returnPk && result.rows?.length === batch.length) {
        batch.forEach((instance, i) => (instance[pk.attname] = pk.fromDb(backend.ops, result.rows![i]![0])));
      } else if (returnPk && !upsert && batch.length === 1 && result.insertId !== undefined && result.rowCount === 1) {
        batch[0]![pk.attname] = pk.fromDb(backend.ops, result.insertId);
      }
    }
  };
  await atomic(async () => {
    if (withPk.length) await insert(withPk, options.fields, false);
    if (withoutPk.length) {
      const fields = auto ? options.fields.filter((f) => f !== pk) : options.fields;
      await insert(withoutPk, fields, auto && !opts.ignoreConflicts);
    }
  }, { using: alias });
  for (const instance of instances) {
    const state = stateOf(instance);
    state.adding = false;
    state.db = alias;
  }
  return objects;
}

/**
 * Write `fieldNames` of each object in few statements (Django's `bulk_update`):
 * `UPDATE t SET f = CASE WHEN pk = ? THEN ? ... END WHERE pk IN (...)`. Returns rows matched.
 */
export async function bulkUpdate<T>(options: Options, objects: T[], fieldNames: string[], alias: string, opts: { batchSize?: number } = {}): Promise<number> {
  checkBatchSize(opts.batchSize);
  if (!fieldNames.length) throw new InvalidOperation("Field names must be given to bulkUpdate().");
  const fields = fieldNames.map((name) => {
    // Django's `get_field()`: an unknown name is FieldDoesNotExist ("Note has no field named 'x'").
    const field = options.getField(name);
    if (!("column" in field) || !field.concrete) throw new FieldError(`bulkUpdate() can only be used with concrete fields: '${name}'.`);
    if ((field as Field).primaryKey) throw new FieldError("bulkUpdate() cannot be used with primary key fields.");
    return field as Field;
  });
  const instances = objects as unknown as Instance[];
  if (!instances.length) return 0;
  for (const instance of instances) {
    if (instance[options.pk.attname] === null || instance[options.pk.attname] === undefined) {
      throw new InvalidOperation("All bulkUpdate() objects must have a primary key set.");
    }
    prepareRelatedFields(instance, options, "bulkCreate()");
  }
  const backend = getBackend(alias);
  const { ops } = backend;
  const q = ops.quoteName;
  const size = batchSizeFor(opts.batchSize, 2 * fields.length + 1, backend.features.maxQueryParams);
  const pk = options.pk;
  return atomic(async () => {
    let updated = 0;
    for (let start = 0; start < instances.length; start += size) {
      const batch = instances.slice(start, start + size);
      const c = new SqlCompiler(ops);
      const sets = fields.map((field) => {
        const cases = batch.map((instance) => {
          const value = instance[field.attname];
          // Placeholders are positional: the key's comes first, as in the SQL text.
          const key = c.param(pk.toDb(ops, instance[pk.attname]));
          const rhs = value instanceof Expression
            ? value.resolve({ query: Query.forModel(options), filterCall: -1, reuse: false, allowJoins: false }).sql(c)
            : c.param(field.toDb(ops, field.preSave(instance, false)));
          return `WHEN ${q(pk.column)} = ${key} THEN ${rhs}`;
        });
        const sql = `CASE ${cases.join(" ")} END`;
        return `${q(field.column)} = ${backend.features.requiresCastedCaseInUpdates ? `CAST(${sql} AS ${castType(backend, field)})` : sql}`;
      });
      const keys = batch.map((instance) => c.param(pk.toDb(ops, instance[pk.attname])));
      const sql = `UPDATE ${q(options.dbTable)} SET ${sets.join(", ")} WHERE ${q(pk.column)} IN (${keys.join(", ")})`;
      updated += (await executorFor(backend).execute(sql, c.params)).rowCount;
    }
    return updated;
  }, { using: alias });
}
