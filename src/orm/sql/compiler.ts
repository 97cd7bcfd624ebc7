import type { Operations } from "../../db/operations.js";
import { LOOKUPS } from "../lookups/registry.js";
import { TRANSFORMS } from "../lookups/transforms.js";
import type { Query } from "../query/query.js";
import type { ColumnRef, Lhs, LookupNode, WhereChild, WhereNode } from "../query/where.js";

export interface CompiledSql {
  sql: string;
  params: unknown[];
}

/**
 * Turns a Query into SQL for one backend (Django's SQLCompiler). Parameters are collected in
 * order; placeholders come from the backend (`?` or `$n`). Subqueries share the parameter list.
 */
export class SqlCompiler {
  private readonly q: (name: string) => string;

  constructor(readonly ops: Operations, readonly params: unknown[] = []) {
    this.q = ops.quoteName;
  }

  private param(value: unknown): string {
    this.params.push(value);
    return this.ops.placeholder(this.params.length);
  }

  column(ref: ColumnRef): string {
    return `${this.q(ref.alias)}.${this.q(ref.column)}`;
  }

  /** Columns of the model and every selectRelated model, in load order. */
  selectColumns(query: Query): string[] {
    const columns = query.options.fields.map((f) => `${this.q(query.baseAlias)}.${this.q(f.column)}`);
    for (const related of query.related) {
      for (const f of related.options.fields) columns.push(`${this.q(related.alias)}.${this.q(f.column)}`);
    }
    return columns;
  }

  from(query: Query): string {
    let sql = this.q(query.baseAlias === query.options.dbTable ? query.options.dbTable : query.baseAlias);
    for (const join of query.joins) {
      const table = join.alias === join.table ? this.q(join.table) : `${this.q(join.table)} ${this.q(join.alias)}`;
      sql += ` ${join.outer ? "LEFT OUTER JOIN" : "INNER JOIN"} ${table} ON (${this.q(join.parentAlias)}.${this.q(join.parentColumn)} = ${this.q(join.alias)}.${this.q(join.column)})`;
    }
    return sql;
  }

  where(query: Query): string {
    if (query.empty) return " WHERE 0 = 1";
    const sql = this.node(query.where, false);
    return sql ? ` WHERE ${sql}` : "";
  }

  private node(node: WhereNode, negatedAbove: boolean): string {
    const negated = negatedAbove !== node.negated;
    const parts: string[] = [];
    for (const child of node.children) {
      const sql = this.child(child, negated);
      if (sql) parts.push(sql);
    }
    if (!parts.length) return node.negated ? "0 = 1" : "";
    const joined = parts.length === 1 ? parts[0]! : `(${parts.join(` ${node.connector} `)})`;
    return node.negated ? `NOT ${joined.startsWith("(") ? joined : `(${joined})`}` : joined;
  }

  private child(child: WhereChild, negated: boolean): string {
    switch (child.kind) {
      case "where": return this.node(child, negated);
      case "nothing": return "0 = 1";
      case "subquery": return `${this.column(child.lhs)} IN (${this.subquery(child.query)})`;
      case "lookup": return this.lookup(child, negated);
    }
  }

  private subquery(query: Query): string {
    const inner = new SqlCompiler(this.ops, this.params);
    const column = query.subqueryColumn ?? query.options.pk;
    return `SELECT ${this.q(query.baseAlias)}.${this.q(column.column)} FROM ${inner.from(query)}${inner.where(query)}`;
  }

  lhs(lhs: Lhs): string {
    if (lhs.kind === "col") return this.column(lhs);
    const inner = this.lhs(lhs.arg);
    const transform = TRANSFORMS[lhs.name]!;
    if (transform.part) {
      return this.ops.datePart(transform.part, inner, lhs.arg.field.internalType as "DateField" | "DateTimeField");
    }
    return this.ops.dateOf(inner);
  }

  private lookup(node: LookupNode, negated: boolean): string {
    const lhs = this.lhs(node.lhs);
    const field = node.lhs.field;
    const kind = LOOKUPS[node.lookup]!;
    let sql: string;
    switch (kind.kind) {
      case "isnull":
        return `${lhs} ${node.rhs ? "IS NULL" : "IS NOT NULL"}`;
      case "in":
        sql = `${lhs} IN (${(node.rhs as unknown[]).map((v) => this.param(field.toDb(this.ops, v))).join(", ")})`;
        break;
      case "range": {
        const [low, high] = node.rhs as [unknown, unknown];
        sql = `${lhs} BETWEEN ${this.param(field.toDb(this.ops, low))} AND ${this.param(field.toDb(this.ops, high))}`;
        break;
      }
      case "operator": {
        const value = kind.pattern ? this.ops.patternParam(kind.operator, node.rhs as string)
          : kind.operator === "regex" || kind.operator === "iregex" ? node.rhs : field.toDb(this.ops, node.rhs);
        sql = this.ops.lookup(kind.operator, lhs, this.param(value));
      }
    }
    // Under NOT, a NULL column would make the whole condition unknown and drop the row;
    // Django keeps such rows, so the condition is made false for NULL instead.
    return negated && node.lhs.nullable ? `(${sql} AND ${lhs} IS NOT NULL)` : sql;
  }

  orderBy(query: Query): string {
    const terms = query.ordering ?? [];
    if (!terms.length) return "";
    return ` ORDER BY ${terms.map((t) => t.expr === "random" ? this.ops.random : `${this.column(t.expr)}${t.descending ? " DESC" : " ASC"}`).join(", ")}`;
  }
}

/** The query with the model's default ordering applied when none was asked for. */
function withDefaultOrdering(query: Query): Query {
  return query.ordering === null && query.options.ordering.length ? query.withOrdering(query.options.ordering) : query;
}

export function compileSelect(query: Query, ops: Operations): CompiledSql {
  const ordered = withDefaultOrdering(query);
  const c = new SqlCompiler(ops);
  const columns = c.selectColumns(ordered).join(", ");
  const from = c.from(ordered);
  const where = c.where(ordered);
  const sql = `SELECT ${ordered.distinct ? "DISTINCT " : ""}${columns} FROM ${from}${where}${c.orderBy(ordered)}` +
    ops.limitOffset(ordered.high === null ? null : ordered.high - ordered.low, ordered.low) +
    (ordered.forUpdate ? ops.forUpdate(ordered.forUpdate) : "");
  return { sql, params: c.params };
}

export function compileCount(query: Query, ops: Operations): CompiledSql {
  const c = new SqlCompiler(ops);
  if (query.distinct || query.isSliced) {
    const inner = compileSelect(query, ops);
    return { sql: `SELECT COUNT(*) FROM (${inner.sql}) subquery`, params: inner.params };
  }
  return { sql: `SELECT COUNT(*) FROM ${c.from(query)}${c.where(query)}`, params: c.params };
}

export function compileExists(query: Query, ops: Operations): CompiledSql {
  const c = new SqlCompiler(ops);
  const limit = query.isSliced ? query : query.withSlice(0, 1);
  const sql = `SELECT 1 AS a FROM ${c.from(limit)}${c.where(limit)}` +
    ops.limitOffset(limit.high === null ? null : limit.high - limit.low, limit.low);
  return { sql, params: c.params };
}

/** Primary keys of the matching rows (for updates and deletes across joins). */
export function compilePks(query: Query, ops: Operations): CompiledSql {
  const c = new SqlCompiler(ops);
  const pk = `${ops.quoteName(query.baseAlias)}.${ops.quoteName(query.options.pk.column)}`;
  const ordered = query.isSliced ? withDefaultOrdering(query) : query;
  const sql = `SELECT ${query.joins.some((j) => j.multiValued) ? "DISTINCT " : ""}${pk} FROM ${c.from(ordered)}${c.where(ordered)}` +
    (query.isSliced ? c.orderBy(ordered) + ops.limitOffset(query.high === null ? null : query.high - query.low, query.low) : "");
  return { sql, params: c.params };
}
