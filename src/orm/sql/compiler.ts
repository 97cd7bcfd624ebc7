import type { Operations } from "../../db/operations.js";
import { FieldError } from "../errors.js";
import { isSqlExpr, type CompileContext, type SqlExpr } from "../expressions/sql-expr.js";
import { LOOKUPS } from "../lookups/registry.js";
import { TRANSFORMS } from "../lookups/transforms.js";
import type { OrderTerm, Query } from "../query/query.js";
import type { ColumnRef, Lhs, LookupNode, WhereChild, WhereNode } from "../query/where.js";
import { selectSql, withDefaultOrdering } from "./select.js";

const UUID_PROBE = "00000000-0000-0000-0000-000000000000";

export interface CompiledSql {
  sql: string;
  params: unknown[];
}

/**
 * Turns a Query into SQL for one backend (Django's SQLCompiler). Parameters are collected in
 * order; placeholders come from the backend (`?` or `$n`). Subqueries share the parameter list.
 */
export class SqlCompiler implements CompileContext {
  private readonly q: (name: string) => string;

  constructor(
    readonly ops: Operations,
    readonly params: unknown[] = [],
    /** The enclosing statement's compiler, for a correlated subquery. */
    private readonly parent: SqlCompiler | null = null,
    /** Table aliases renamed in a subquery (`U0`, `U1`) so outer references stay distinct. */
    private readonly aliases: ReadonlyMap<string, string> | null = null,
    /** `OuterRef` placeholders of this subquery, resolved against the parent query. */
    private readonly outer: ReadonlyMap<object, SqlExpr> | null = null,
  ) {
    this.q = ops.quoteName;
  }

  param(value: unknown): string {
    this.params.push(value);
    return this.ops.placeholder(this.params.length);
  }

  /** A table alias as this statement spells it. */
  alias(name: string): string {
    return this.aliases?.get(name) ?? name;
  }

  column(ref: ColumnRef): string {
    return `${this.q(this.alias(ref.alias))}.${this.q(ref.column)}`;
  }

  condition(node: WhereNode): string {
    return this.node(node, false) || "1 = 1";
  }

  subquerySelect(query: Query, outer: ReadonlyMap<object, SqlExpr>): string {
    let depth = 1;
    for (let p = this.parent; p; p = p.parent) depth++;
    const prefix = String.fromCharCode(84 + depth);
    const aliases = new Map([[query.baseAlias, `${prefix}0`]]);
    query.joins.forEach((join, i) => aliases.set(join.alias, `${prefix}${i + 1}`));
    return selectSql(new SqlCompiler(this.ops, this.params, this, aliases, outer), query);
  }

  outerRef(placeholder: object): string {
    const resolved = this.outer?.get(placeholder);
    if (!resolved || !this.parent) throw new FieldError("This queryset contains a reference to an outer query and may only be used in a subquery.");
    return resolved.sql(this.parent);
  }

  /** Columns of the model and every selectRelated model, in load order. */
  selectColumns(query: Query): string[] {
    const base = this.q(this.alias(query.baseAlias));
    const columns = (query.loadFields ?? query.options.fields).map((f) => `${base}.${this.q(f.column)}`);
    for (const related of query.related) {
      for (const f of related.options.fields) columns.push(`${this.q(this.alias(related.alias))}.${this.q(f.column)}`);
    }
    return columns;
  }

  from(query: Query): string {
    const baseAlias = this.alias(query.baseAlias);
    let sql = baseAlias === query.options.dbTable ? this.q(baseAlias) : `${this.q(query.options.dbTable)} ${this.q(baseAlias)}`;
    for (const join of query.joins) {
      const alias = this.alias(join.alias);
      const table = alias === join.table ? this.q(join.table) : `${this.q(join.table)} ${this.q(alias)}`;
      sql += ` ${join.outer ? "LEFT OUTER JOIN" : "INNER JOIN"} ${table} ON (${this.q(this.alias(join.parentAlias))}.${this.q(join.parentColumn)} = ${this.q(alias)}.${this.q(join.column)})`;
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
    // A `values("x")` queryset as an `__in` value selects its one column.
    if (query.valueColumns || query.combinator || query.annotations.length) return selectSql(inner, query);
    const column = query.subqueryColumn ?? query.options.pk;
    return `SELECT ${this.q(query.baseAlias)}.${this.q(column.column)} FROM ${inner.from(query)}${inner.where(query)}`;
  }

  lhs(lhs: Lhs): string {
    if (lhs.kind === "col") return this.column(lhs);
    if (lhs.kind === "exprref") return lhs.expr.sql(this);
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
    if (isSqlExpr(node.rhs) && (kind.kind === "operator" || kind.kind === "in")) {
      sql = kind.kind === "in" ? `${lhs} IN ${node.rhs.sql(this)}` : this.ops.lookup(kind.operator, lhs, node.rhs.sql(this));
      return negated && node.lhs.nullable ? `(${sql} AND ${lhs} IS NOT NULL)` : sql;
    }
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
        let text = node.rhs as string;
        // Django's UUIDTextMixin: where UUIDs are stored as 32 hex digits, dashes in the pattern go.
        if (kind.pattern && field.internalType === "UUIDField" && !String(this.ops.toDb("UUIDField", UUID_PROBE)).includes("-")) {
          text = text.replace(/-/g, "");
        }
        const value = kind.pattern ? this.ops.patternParam(kind.operator, text)
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
    return ` ORDER BY ${terms.map((t) => this.orderTerm(t)).join(", ")}`;
  }

  /** One ORDER BY term; NULLS FIRST/LAST is spelled portably with an IS NULL key first. */
  orderTerm(t: OrderTerm, expr?: string): string {
    if (t.expr === "random") return this.ops.random;
    const sql = expr ?? (t.expr.kind === "col" ? this.column(t.expr) : t.expr.sql(this));
    const direction = t.descending ? " DESC" : " ASC";
    if (t.nullsFirst) return `(${sql} IS NULL) DESC, ${sql}${direction}`;
    if (t.nullsLast) return `(${sql} IS NULL) ASC, ${sql}${direction}`;
    return sql + direction;
  }
}

export function compileSelect(query: Query, ops: Operations): CompiledSql {
  const c = new SqlCompiler(ops);
  return { sql: selectSql(c, query), params: c.params };
}

export function compileCount(query: Query, ops: Operations): CompiledSql {
  const c = new SqlCompiler(ops);
  if (query.distinct || query.isSliced || query.combinator || query.having.children.length ||
    query.annotations.some((a) => a.expr.aggregate) || query.distinctOn.length) {
    // Ordering cannot change a count unless it picks the rows of a slice (Django clears it too).
    let counted = query;
    if (!query.isSliced && !query.combinator) {
      counted = query.clone();
      counted.ordering = [];
    }
    const inner = compileSelect(counted, ops);
    return { sql: `SELECT COUNT(*) FROM (${inner.sql}) subquery`, params: inner.params };
  }
  return { sql: `SELECT COUNT(*) FROM ${c.from(query)}${c.where(query)}`, params: c.params };
}

export function compileExists(query: Query, ops: Operations): CompiledSql {
  if (query.having.children.length || query.combinator || query.distinctOn.length) {
    const inner = compileSelect(query, ops);
    return { sql: `SELECT 1 AS a FROM (${inner.sql}) subquery${ops.limitOffset(1, 0)}`, params: inner.params };
  }
  const c = new SqlCompiler(ops);
  const limit = query.isSliced ? query : query.withSlice(0, 1);
  const sql = `SELECT 1 AS a FROM ${c.from(limit)}${c.where(limit)}` +
    ops.limitOffset(limit.high === null ? null : limit.high - limit.low, limit.low);
  return { sql, params: c.params };
}

/** Primary keys of the matching rows (for updates and deletes across joins). */
export function compilePks(query: Query, ops: Operations): CompiledSql {
  const c = new SqlCompiler(ops);
  if (query.having.children.length || query.annotations.some((a) => a.expr.aggregate)) {
    // Grouped: the keys of the groups that pass HAVING.
    const keys = query.clone();
    const pkRef = { kind: "col" as const, alias: query.baseAlias, column: query.options.pk.column, field: query.options.pk, nullable: false };
    keys.valueColumns = [{ name: "pk", expr: { kind: "expr", field: query.options.pk, aggregate: false, sql: (cc) => cc.column(pkRef), children: () => [] } }];
    keys.groupBy = "model";
    keys.shape = "flat";
    return { sql: selectSql(c, keys), params: c.params };
  }
  const pk = `${ops.quoteName(query.baseAlias)}.${ops.quoteName(query.options.pk.column)}`;
  const ordered = query.isSliced ? withDefaultOrdering(query) : query;
  const sql = `SELECT ${query.joins.some((j) => j.multiValued) ? "DISTINCT " : ""}${pk} FROM ${c.from(ordered)}${c.where(ordered)}` +
    (query.isSliced ? c.orderBy(ordered) + ops.limitOffset(query.high === null ? null : query.high - query.low, query.low) : "");
  return { sql, params: c.params };
}
