import type { LookupOperator } from "../../db/operations.js";

/**
 * Every `__lookup` torest knows, as one small table: how its right-hand side is prepared and
 * which SQL shape the compiler emits. Operator SQL itself comes from the backend.
 */
export type LookupKind =
  | { kind: "operator"; operator: LookupOperator; pattern: boolean }
  | { kind: "in" }
  | { kind: "range" }
  | { kind: "isnull" };

const operator = (op: LookupOperator, pattern = false): LookupKind => ({ kind: "operator", operator: op, pattern });

export const LOOKUPS: Record<string, LookupKind> = {
  exact: operator("exact"),
  iexact: operator("iexact", true),
  contains: operator("contains", true),
  icontains: operator("icontains", true),
  startswith: operator("startswith", true),
  istartswith: operator("istartswith", true),
  endswith: operator("endswith", true),
  iendswith: operator("iendswith", true),
  gt: operator("gt"),
  gte: operator("gte"),
  lt: operator("lt"),
  lte: operator("lte"),
  regex: operator("regex"),
  iregex: operator("iregex"),
  search: operator("search", true),
  in: { kind: "in" },
  range: { kind: "range" },
  isnull: { kind: "isnull" },
};

/** Lookups allowed on relation fields (compared by key). */
export const RELATION_LOOKUPS = new Set(["exact", "in", "isnull", "gt", "gte", "lt", "lte", "range"]);

export function isLookup(name: string): boolean {
  return Object.hasOwn(LOOKUPS, name);
}
