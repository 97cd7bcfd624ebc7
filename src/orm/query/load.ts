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

/**
 * How a column of `field` becomes its JS value on this backend; null when the driver's value is
 * used as is (most columns: only the backend's converted kinds cost a call).
 */
export function converterFor(field: Field | null | undefined, ops: Operations): Converter {
  return field && ops.convertedTypes.has(field.internalType) ? (value: unknown) => field.fromDb(ops, value) : null;
}

/** Converters of `fields`; the full field list of a model is cached per backend. */
function convertersFor(options: Options, ops: Operations, fields: readonly Field[] = options.fields): Converter[] {
  if (fields !== options.fields) return fields.map((f) => converterFor(f, ops));
  let byModel = convertersCache.get(ops);
  if (!byModel) convertersCache.set(ops, (byModel = new Map()));
  let converters = byModel.get(options);
  if (!converters) byModel.set(options, (converters = fields.map((f) => converterFor(f, ops))));
  return converters;
}

/** One instance from `row` starting at column `offset` (`fields`: the loaded ones, for only/defer). */
function instantiate(options: Options, row: Row, offset: number, db: string, fields: readonly Field[], converters: Converter[]): Instance {
  const instance = new options.model(FROM_DB) as Instance;
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
  const converters = convertersFor(base, ops, fields);
  const relatedConverters = related.map((select) => convertersFor(select.options, ops));
  const relatedPkIndex = related.map((select) => select.options.fields.indexOf(select.options.pk));
  // only()/defer(): the fields left out, so that save() does not overwrite them (shared, read-only).
  const deferred = fields === base.fields ? null : base.fields.filter((f) => !fields.includes(f)).map((f) => f.attname);
  const annotations = query.annotations.length ? annotationReaders(query, ops) : null;
  // One scratch array for the selectRelated objects of the current row.
  const loaded = new Array<Instance | null>(related.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const instance = instantiate(base, row, 0, db, fields, converters);
    if (deferred) stateOf(instance).deferred = deferred;
    if (related.length) {
      let offset = fields.length;
      for (let k = 0; k < related.length; k++) {
        const select = related[k]!;
        const parent = select.parent === -1 ? instance : loaded[select.parent];
        const pkIndex = offset + relatedPkIndex[k]!;
        const object = row[pkIndex] === null || !parent ? null : instantiate(select.options, row, offset, db, select.options.fields, relatedConverters[k]!);
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
    return a.hidden ? null : { name: a.name, convert: converterFor(a.expr.field, ops) };
  });
}
