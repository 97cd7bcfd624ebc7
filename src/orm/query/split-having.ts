import { isSqlExpr } from "../expressions/sql-expr.js";
import { whereHasAggregate, whereNode, type Lhs, type WhereChild, type WhereNode } from "./where.js";

/**
 * Split one `filter()` condition between WHERE and HAVING (Django's `WhereNode.split_having_qualify`):
 * under an AND (or a negated OR, which is an AND of negations) each part goes where it belongs, so
 * `filter({ authors__name: "Norvig", n__gt: 1 })` keeps the row test in WHERE. A disjunction
 * mixing both kinds cannot be split and goes to HAVING whole (its plain columns are then grouped).
 */
export function splitHaving(node: WhereNode, negatedAbove = false): { where: WhereNode | null; having: WhereNode | null } {
  if (!whereHasAggregate(node)) return { where: node, having: null };
  const negated = negatedAbove !== node.negated;
  const maySplit = negated ? node.connector === "OR" : node.connector === "AND";
  if (!maySplit) return { where: null, having: node };
  const where: WhereChild[] = [];
  const having: WhereChild[] = [];
  for (const child of node.children) {
    if (child.kind === "where") {
      const parts = splitHaving(child, negated);
      if (parts.where) where.push(parts.where);
      if (parts.having) having.push(parts.having);
    } else if (child.kind === "lookup" && childHasAggregate(child)) {
      having.push(child);
    } else {
      where.push(child);
    }
  }
  return {
    where: where.length ? whereNode(node.connector, where, node.negated) : null,
    having: having.length ? whereNode(node.connector, having, node.negated) : null,
  };
}

function childHasAggregate(child: WhereChild): boolean {
  return child.kind === "lookup" && whereHasAggregate(whereNode("AND", [child]));
}

/**
 * The plain (non-aggregate) sides compared in HAVING: they must be in GROUP BY too (Django's
 * `having.get_group_by_cols()`), or PostgreSQL refuses the statement.
 */
export function havingGroupTerms(node: WhereNode): Lhs[] {
  const terms: Lhs[] = [];
  for (const child of node.children) {
    if (child.kind === "where") terms.push(...havingGroupTerms(child));
    else if (child.kind === "subquery") terms.push(child.lhs);
    else if (child.kind === "lookup") {
      if (!lhsIsAggregate(child.lhs)) terms.push(child.lhs);
      if (isSqlExpr(child.rhs) && !child.rhs.aggregate) terms.push({ kind: "exprref", expr: child.rhs, field: child.lhs.field, nullable: true });
    }
  }
  return terms;
}

function lhsIsAggregate(lhs: Lhs): boolean {
  if (lhs.kind === "exprref") return lhs.expr.aggregate;
  return lhs.kind === "transform" ? lhsIsAggregate(lhs.arg) : false;
}
