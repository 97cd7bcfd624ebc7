import type { Operations } from "../../db/operations.js";
import type { Field } from "../fields/field.js";
import type { OrderTerm, Query } from "../query/query.js";
import type { ColumnRef, Lhs, WhereNode } from "../query/where.js";

/**
 * What an expression needs from the SQL compiler (implemented by `SqlCompiler`); kept as an
 * interface so expressions never import the compiler.
 */
export interface CompileContext {
  readonly ops: Operations;
  column(ref: ColumnRef): string;
  lhs(lhs: Lhs): string;
  /** Add a parameter; returns its placeholder. */
  param(value: unknown): string;
  /** A where tree as a boolean SQL condition ("1 = 1" when empty). */
  condition(node: WhereNode): string;
  /** A full SELECT of `query` compiled as a correlated subquery of the current statement. */
  subquerySelect(query: Query, outer: ReadonlyMap<object, SqlExpr>): string;
  /** One ORDER BY term (`x DESC`, with portable NULLS FIRST/LAST). */
  orderTerm(term: OrderTerm): string;
  /** An `OuterRef` placeholder, compiled with the enclosing statement's compiler. */
  outerRef(placeholder: object): string;
}

/**
 * An expression resolved against one query (its joins made): ready to compile. `field`
 * describes the output (how parameters are prepared and results converted).
 */
export interface SqlExpr {
  readonly kind: "expr";
  readonly field: Field | null;
  /** Contains an aggregate: selected next to a GROUP BY, filtered in HAVING. */
  readonly aggregate: boolean;
  /** A window function (`... OVER (...)`): never grouped by. */
  readonly window?: boolean;
  sql(c: CompileContext): string;
  /** Nested resolved expressions (to find `OuterRef` placeholders). */
  children(): readonly SqlExpr[];
}

/** A resolved expression from its parts. */
export function sqlExpr(
  field: Field | null,
  sql: (c: CompileContext) => string,
  children: readonly SqlExpr[] = [],
  aggregate = children.some((child) => child.aggregate),
): SqlExpr {
  return { kind: "expr", field, aggregate, sql, children: () => children };
}

export function isSqlExpr(value: unknown): value is SqlExpr {
  return typeof value === "object" && value !== null && (value as SqlExpr).kind === "expr";
}
