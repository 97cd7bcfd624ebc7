import type { Field } from "../fields/field.js";
import { isSqlExpr, type SqlExpr } from "../expressions/sql-expr.js";
import type { Query } from "./query.js";

/** A column of a joined table. */
export interface ColumnRef {
  kind: "col";
  alias: string;
  column: string;
  field: Field;
  /** Could be NULL: a nullable column, or reached through an outer join. */
  nullable: boolean;
}

/** A transform applied to a column (`pub_date__year`). */
export interface TransformRef {
  kind: "transform";
  name: string;
  arg: Lhs;
  /** Field describing the transform's output (prepares right-hand values). */
  field: Field;
  nullable: boolean;
}

/** An annotation or expression on the left of a lookup (`filter({ n__gt: 1 })` after annotate). */
export interface ExprRef {
  kind: "exprref";
  expr: SqlExpr;
  field: Field;
  nullable: boolean;
}

export type Lhs = ColumnRef | TransformRef | ExprRef;

/** `lhs <lookup> rhs`; `rhs` holds JS values already prepared by the lhs field. */
export interface LookupNode {
  kind: "lookup";
  lhs: Lhs;
  lookup: string;
  rhs: unknown;
}

/** `lhs IN (subquery)`: negated multi-valued excludes, and querysets used as `__in` values. */
export interface SubqueryNode {
  kind: "subquery";
  lhs: ColumnRef;
  query: Query;
}

/** Matches nothing (`__in` with an empty list). */
export interface NothingNode {
  kind: "nothing";
}

export interface WhereNode {
  kind: "where";
  connector: "AND" | "OR";
  negated: boolean;
  children: WhereChild[];
}

export type WhereChild = WhereNode | LookupNode | SubqueryNode | NothingNode;

export function whereNode(connector: "AND" | "OR", children: WhereChild[] = [], negated = false): WhereNode {
  return { kind: "where", connector, negated, children };
}

/** Does the tree compare an aggregate (so it belongs in HAVING)? */
export function whereHasAggregate(node: WhereNode): boolean {
  return node.children.some((child) => {
    if (child.kind === "where") return whereHasAggregate(child);
    if (child.kind !== "lookup") return false;
    return lhsHasAggregate(child.lhs) || (isSqlExpr(child.rhs) && child.rhs.aggregate);
  });
}

function lhsHasAggregate(lhs: Lhs): boolean {
  if (lhs.kind === "exprref") return lhs.expr.aggregate;
  return lhs.kind === "transform" ? lhsHasAggregate(lhs.arg) : false;
}
