import type { Query } from "../query/query.js";
import { havingGroupTerms } from "../query/split-having.js";
import type { SqlCompiler } from "./compiler.js";

/**
 * The SELECT statement of a query (Django's `SQLCompiler.as_sql`): columns (model fields,
 * selectRelated models, annotations, or `values()` columns), FROM with joins, WHERE, GROUP BY
 * once an aggregate is selected, HAVING, ORDER BY, LIMIT, FOR UPDATE; or a UNION/INTERSECT/EXCEPT
 * of several such statements.
 */
export function selectSql(c: SqlCompiler, query: Query, options: { aliasColumns?: boolean } = {}): string {
  if (query.combinator) return combinedSql(c, query);
  const grouped = query.having.children.length > 0 || query.annotations.some((a) => a.expr.aggregate) ||
    (query.valueColumns?.some((v) => v.expr.aggregate) ?? false) ||
    (query.ordering?.some((t) => t.expr !== "random" && t.expr.kind === "expr" && t.expr.aggregate) ?? false);
  // Django drops Meta.ordering from GROUP BY queries: it would change the groups.
  const ordered = grouped ? query : withDefaultOrdering(query);
  const { ops } = c;
  const columns = selectList(c, ordered, options.aliasColumns ?? false);
  if (ordered.distinct && !ordered.distinctOn.length && !ordered.valueColumns) {
    // As Django: the ordering columns are selected too (PostgreSQL requires them with DISTINCT).
    // They follow the loaded columns, so loaders never see them.
    for (const term of ordered.ordering ?? []) {
      if (term.expr === "random" || term.expr.kind !== "col") continue;
      const sql = c.column(term.expr);
      if (!columns.includes(sql)) columns.push(sql);
    }
  }
  const from = c.from(ordered);
  const where = c.where(ordered);
  const groupBy = grouped ? groupBySql(c, ordered) : "";
  const having = ordered.having.children.length ? ` HAVING ${c.condition(ordered.having)}` : "";
  const distinct = ordered.distinctOn.length
    ? `DISTINCT ON (${ordered.distinctOn.map((e) => e.sql(c)).join(", ")}) `
    : ordered.distinct ? "DISTINCT " : "";
  return `SELECT ${distinct}${columns.join(", ")} FROM ${from}${where}${groupBy}${having}${c.orderBy(ordered)}` +
    ops.limitOffset(ordered.high === null ? null : ordered.high - ordered.low, ordered.low) +
    (ordered.forUpdate ? ops.forUpdate(ordered.forUpdate) : "");
}

/** The selected expressions, in the order the loaders read them. */
function selectList(c: SqlCompiler, query: Query, alias: boolean): string[] {
  // Named columns (`AS "name"`) when the select is a derived table read by name.
  if (query.valueColumns) return query.valueColumns.map((v) => (alias ? `${v.expr.sql(c)} AS ${c.ops.quoteName(v.name)}` : v.expr.sql(c)));
  const columns = c.selectColumns(query);
  for (const annotation of query.annotations) columns.push(annotation.expr.sql(c));
  return columns;
}

/**
 * GROUP BY every selected non-aggregate expression (the model's columns, or the `values()`
 * columns when `values()` came before `annotate()`), plus the non-aggregate ordering terms.
 */
function groupBySql(c: SqlCompiler, query: Query): string {
  const terms: string[] = [];
  const seen = new Set<string>();
  const add = (compile: () => string) => {
    const before = c.params.length;
    const sql = compile();
    // A term carrying parameters is kept as is: dropping it would drop its parameters.
    if (c.params.length === before && seen.has(sql)) return;
    seen.add(sql);
    terms.push(sql);
  };
  if (query.groupBy === "values" && query.groupByValues) {
    for (const expr of query.groupByValues) add(() => expr.sql(c));
  } else if (query.groupBy === "values" && query.valueColumns) {
    for (const v of query.valueColumns) if (!v.expr.aggregate && !v.expr.window) add(() => v.expr.sql(c));
  } else {
    for (const column of c.selectColumns(query)) add(() => column);
    for (const a of query.annotations) if (!a.expr.aggregate && !a.expr.window) add(() => a.expr.sql(c));
    for (const v of query.valueColumns ?? []) if (!v.expr.aggregate && !v.expr.window) add(() => v.expr.sql(c));
  }
  for (const term of havingGroupTerms(query.having)) add(() => c.lhs(term));
  for (const term of query.ordering ?? []) {
    if (term.expr === "random") continue;
    const expr = term.expr;
    if (expr.kind === "expr" && expr.aggregate) continue;
    add(() => (expr.kind === "col" ? c.column(expr) : expr.sql(c)));
  }
  return terms.length ? ` GROUP BY ${terms.join(", ")}` : "";
}

/** `a UNION b ...`; the ordering names result columns by position, as compound selects require. */
function combinedSql(c: SqlCompiler, query: Query): string {
  const { operator, all, queries } = query.combinator!;
  const parts = queries.map((part) => {
    const sql = selectSql(c, part);
    // ORDER BY / LIMIT inside a part need a derived table on most databases.
    return part.ordering?.length || part.isSliced ? `SELECT * FROM (${sql}) ${c.ops.quoteName(`part`)}` : sql;
  });
  let sql = parts.join(` ${operator}${all ? " ALL" : ""} `);
  const first = queries[0]!;
  const names = first.valueColumns ? first.valueColumns.map((v) => v.name)
    : [...(first.loadFields ?? first.options.fields).map((f) => f.column), ...first.annotations.map((a) => a.name)];
  const terms = (query.ordering ?? []).map((term) => {
    const name = term.expr === "random" ? null : term.expr.kind === "col" ? term.expr.column : null;
    const position = name === null ? -1 : names.indexOf(name);
    if (position < 0) throw new Error("ORDER BY term does not match any column in the result set.");
    return c.orderTerm(term, String(position + 1));
  });
  if (terms.length) sql += ` ORDER BY ${terms.join(", ")}`;
  return sql + c.ops.limitOffset(query.high === null ? null : query.high - query.low, query.low);
}

/** The query with the model's default ordering applied when none was asked for. */
export function withDefaultOrdering(query: Query): Query {
  return query.ordering === null && query.options.ordering.length ? query.withOrdering(query.options.ordering) : query;
}
