import type { Row } from "../../db/backend.js";
import type { Operations } from "../../db/operations.js";
import type { Options } from "../model/options.js";
import { cacheSet, FROM_DB, STATE, stateOf, type InstanceState } from "../model/state.js";
import type { Field } from "../fields/field.js";
import type { Query } from "./query.js";

type Instance = Record<string, unknown> & { [STATE]: InstanceState };
type Converter = ((value: unknown) => unknown) | null;

/** Per model and backend: how each column becomes a JS value (null: used as is). */
const convertersCache = new WeakMap<Operations, Map<Options, Converter[]>>();

function convertersFor(options: Options, ops: Operations): Converter[] {
  let byModel = convertersCache.get(ops);
  if (!byModel) convertersCache.set(ops, (byModel = new Map()));
  let converters = byModel.get(options);
  if (!converters) {
    converters = options.fields.map((field) => {
      // Most columns arrive as the JS value already; only the backend's converted kinds cost a call.
      return ops.convertedTypes.has(field.internalType) ? (value: unknown) => field.fromDb(ops, value) : null;
    });
    byModel.set(options, converters);
  }
  return converters;
}

/** One instance from `row` starting at column `offset` (`fields`: the loaded ones, for only/defer). */
export function instantiate(options: Options, row: Row, offset: number, ops: Operations, db: string, fields = options.fields): Instance {
  const instance = new options.model(FROM_DB) as Instance;
  const converters = fields === options.fields ? convertersFor(options, ops)
    : fields.map((f) => (ops.convertedTypes.has(f.internalType) ? (value: unknown) => f.fromDb(ops, value) : null));
  for (let i = 0; i < fields.length; i++) {
    const converter = converters[i];
    const value = row[offset + i];
    instance[fields[i]!.attname] = converter && value !== null ? converter(value) : value;
  }
  const state = instance[STATE];
  state.adding = false;
  state.db = db;
  return instance;
}

/** Instances for the rows of a select made by `compileSelect`, with selectRelated objects cached. */
export function loadRows(query: Query, rows: Row[], ops: Operations, db: string): Instance[] {
  const result = new Array<Instance>(rows.length);
  const base = query.options;
  const related = query.related;
  const fields = query.loadFields ?? base.fields;
  const annotations = query.annotations.length ? annotationReaders(query, ops) : null;
  // One scratch array for the selectRelated objects of the current row.
  const loaded = new Array<Instance | null>(related.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const instance = instantiate(base, row, 0, ops, db, fields);
    if (fields !== base.fields) markDeferred(instance, base, fields);
    if (related.length) {
      let offset = fields.length;
      for (let k = 0; k < related.length; k++) {
        const select = related[k]!;
        const parent = select.parent === -1 ? instance : loaded[select.parent];
        const pkIndex = offset + select.options.fields.indexOf(select.options.pk);
        const object = row[pkIndex] === null || !parent ? null : instantiate(select.options, row, offset, ops, db);
        if (parent) cacheSet(parent, select.accessor, object);
        if (object && select.backAccessor && parent) cacheSet(object, select.backAccessor, parent);
        loaded[k] = object;
        offset += select.options.fields.length;
      }
    }
    if (annotations) {
      let offset = row.length - annotations.length;
      for (const read of annotations) {
        const value = row[offset++];
        if (read) instance[read.name] = read.convert && value !== null ? read.convert(value) : value;
      }
    }
    result[r] = instance;
  }
  return result;
}

/** How each annotation column lands on instances (null: a hidden one, selected but not set). */
function annotationReaders(query: Query, ops: Operations) {
  return query.annotations.map((a) => {
    if (a.hidden) return null;
    const field = a.expr.field;
    const convert = field && ops.convertedTypes.has(field.internalType) ? (value: unknown) => field.fromDb(ops, value) : null;
    return { name: a.name, convert };
  });
}

/** Remember which fields `only()`/`defer()` left out, so `save()` does not overwrite them. */
function markDeferred(instance: Instance, options: Options, loaded: readonly Field[]): void {
  stateOf(instance).deferred = options.fields.filter((f) => !loaded.includes(f)).map((f) => f.attname);
}
