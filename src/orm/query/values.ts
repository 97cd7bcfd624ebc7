import type { Row } from "../../db/backend.js";
import type { Operations } from "../../db/operations.js";
import { FExpression } from "../expressions/f.js";
import type { Query, RowShape, ValueColumn } from "./query.js";
import { converterFor } from "./load.js";

/**
 * `values(...names)` / `valuesList(...names)`: select these fields (across relations with `__`,
 * annotations by name) and return plain rows. No names: every concrete field (foreign keys by
 * their `<name>_id`) and the annotations.
 */
export function withValues(query: Query, names: readonly string[], shape: RowShape): Query {
  const copy = query.clone();
  const wanted = names.length ? names
    : [...copy.options.fields.map((f) => f.attname), ...copy.annotations.filter((a) => !a.hidden).map((a) => a.name)];
  copy.valueColumns = wanted.map((name): ValueColumn => ({
    name,
    expr: new FExpression(name).resolve({ query: copy, filterCall: -1, reuse: true, allowJoins: true }),
  }));
  copy.shape = shape;
  copy.related = [];
  return copy;
}

/** Rows of a `values()` query as objects, arrays, or single values (`flat`). */
export function loadValues(query: Query, rows: Row[], ops: Operations): unknown[] {
  const columns = query.valueColumns ?? [];
  const converters = columns.map(({ expr }) => converterFor(expr.field, ops));
  const convert = (row: Row, i: number) => {
    const value = row[i];
    const converter = converters[i];
    return converter && value !== null && value !== undefined ? converter(value) : value;
  };
  switch (query.shape) {
    case "flat":
      return rows.map((row) => convert(row, 0));
    case "lists":
      return rows.map((row) => columns.map((_, i) => convert(row, i)));
    default:
      return rows.map((row) => {
        const object: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) object[columns[i]!.name] = convert(row, i);
        return object;
      });
  }
}
