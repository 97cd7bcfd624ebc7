import type { Field } from "../fields/field.js";
import type { SqlExpr } from "../expressions/sql-expr.js";
import type { Options } from "../model/options.js";
import type { PathHop } from "../relations/path.js";
import { buildWhere } from "./build-filter.js";
import { resolveOrderingTerms } from "./ordering.js";
import { toQ, type Lookups, type QNode } from "./q.js";
import { splitHaving } from "./split-having.js";
import { whereNode, type ColumnRef, type WhereNode } from "./where.js";
import type { Expression, OrderBy } from "../expressions/expression.js";

/** A table joined into the query. */
export interface Join {
  alias: string;
  table: string;
  parentAlias: string;
  parentColumn: string;
  column: string;
  /** LEFT OUTER (the relation may be missing) rather than INNER. */
  outer: boolean;
  multiValued: boolean;
  /** The `filter()` call that created it; multi-valued joins are shared only within one call. */
  filterCall: number;
  key: string;
}

export interface OrderTerm {
  expr: ColumnRef | SqlExpr | "random";
  descending: boolean;
  nullsFirst?: boolean;
  nullsLast?: boolean;
}

/** A computed column (`annotate()`); hidden ones are selected but not set on instances. */
export interface Annotation {
  name: string;
  expr: SqlExpr;
  hidden: boolean;
}

/** What rows become: model instances, or `values()` / `valuesList()` shapes. */
export type RowShape = "models" | "dicts" | "lists" | "flat";

/** One selected column of `values()`. */
export interface ValueColumn {
  name: string;
  expr: SqlExpr;
}

/** `union()` / `intersection()` / `difference()` of several queries. */
export interface Combinator {
  operator: "UNION" | "INTERSECT" | "EXCEPT";
  all: boolean;
  queries: Query[];
}

/** A related model loaded in the same query (`selectRelated`). */
export interface RelatedSelect {
  /** Accessor on the parent instance that the loaded object is cached under. */
  accessor: string;
  /** Accessor on the loaded object pointing back (one-to-one), if any. */
  backAccessor: string | null;
  alias: string;
  options: Options;
  /** Index of the parent in `related`, or -1 for the main model. */
  parent: number;
}

/** Shared empty values for the replaced-never-mutated state: a new Query allocates none of them. */
const NONE: readonly never[] = Object.freeze([]);
const EMPTY_WHERE: WhereNode = Object.freeze(whereNode("AND", NONE as never[])) as WhereNode;

/**
 * The state of a queryset (Django's `sql.Query`): base model, joins, where tree, ordering,
 * limits, eager loads. Immutable from the outside: every change returns a modified clone.
 */
export class Query {
  joins: Join[] = [];
  where: WhereNode = EMPTY_WHERE;
  /** null: the model's default ordering. */
  ordering: OrderTerm[] | null = null;
  low = 0;
  high: number | null = null;
  distinct = false;
  related: RelatedSelect[] = [];
  filterCalls = 0;
  forUpdate: { nowait?: boolean; skipLocked?: boolean } | null = null;
  /** Matches nothing (`none()`). */
  empty = false;
  /** Column a subquery of this query selects (default: the primary key). */
  subqueryColumn: Field | null = null;
  // Issue 5 state. Arrays and objects here are replaced, never mutated, so clones share them.
  annotations: readonly Annotation[] = NONE;
  /** Conditions on aggregates (HAVING). */
  having: WhereNode = EMPTY_WHERE;
  /** What to GROUP BY once an aggregate is selected: the model's columns or the `values()` ones. */
  groupBy: "model" | "values" | null = null;
  /**
   * The `values()` expressions grouped by, fixed when the first aggregate is annotated: a later
   * `values("count", "rating")` narrows what is selected, not the groups (as Django's `group_by`).
   */
  groupByValues: readonly SqlExpr[] | null = null;
  shape: RowShape = "models";
  /** Columns of `values()`/`valuesList()`; null: the model's. */
  valueColumns: ValueColumn[] | null = null;
  /** Model fields loaded (`only()`/`defer()`); null: all. */
  loadFields: Field[] | null = null;
  /** DISTINCT ON expressions (`distinct("name")`). */
  distinctOn: readonly SqlExpr[] = NONE;
  combinator: Combinator | null = null;
  /** `prefetchRelated()` lookups, run after the rows are loaded. */
  prefetch: readonly unknown[] = NONE;

  private constructor(readonly options: Options) {}

  static forModel(options: Options): Query {
    return new Query(options);
  }

  get baseAlias(): string {
    return this.options.dbTable;
  }

  clone(): Query {
    const copy = new Query(this.options);
    copy.joins = this.joins.slice();
    copy.where = this.where;
    copy.ordering = this.ordering;
    copy.low = this.low;
    copy.high = this.high;
    copy.distinct = this.distinct;
    copy.related = this.related.slice();
    copy.filterCalls = this.filterCalls;
    copy.forUpdate = this.forUpdate;
    copy.empty = this.empty;
    copy.subqueryColumn = this.subqueryColumn;
    copy.annotations = this.annotations;
    copy.having = this.having;
    copy.groupBy = this.groupBy;
    copy.groupByValues = this.groupByValues;
    copy.shape = this.shape;
    copy.valueColumns = this.valueColumns;
    copy.loadFields = this.loadFields;
    copy.distinctOn = this.distinctOn;
    copy.combinator = this.combinator;
    copy.prefetch = this.prefetch;
    return copy;
  }

  /** This query as a subquery selecting `field` instead of the primary key. */
  withValuesColumn(field: Field): Query {
    const copy = this.clone();
    copy.subqueryColumn = field;
    return copy;
  }

  /** Add a filter (`negated` for exclude) as one `filter()` call: a clone is returned. */
  withFilter(filter: QNode | Lookups, negated: boolean): Query {
    const q = toQ(filter);
    if (q.isEmpty) return this;
    const copy = this.clone();
    copy.filterCalls++;
    copy.addCondition(buildWhere(copy, negated ? q.not() : q, copy.filterCalls));
    return copy;
  }

  /** AND a condition into this (freshly cloned) query: its row tests to WHERE, its aggregate tests to HAVING. */
  addCondition(node: WhereNode): void {
    const { where, having } = splitHaving(node);
    if (having) this.having = whereNode("AND", [...this.having.children, having]);
    if (where) this.where = whereNode("AND", [...this.where.children, where]);
  }

  withOrdering(names: (string | Expression | OrderBy)[]): Query {
    const copy = this.clone();
    copy.ordering = names.flatMap((name) => resolveOrderingTerms(copy, name));
    return copy;
  }

  /** Apply a Python-style slice relative to the current limits. */
  withSlice(start: number, stop?: number): Query {
    const copy = this.clone();
    const low = copy.low + start;
    let high = stop === undefined ? copy.high : copy.low + stop;
    if (copy.high !== null && high !== null) high = Math.min(high, copy.high);
    // As Python's slices: a stop before the start gives nothing (never a negative LIMIT).
    copy.low = high !== null ? Math.min(low, high) : low;
    copy.high = high;
    return copy;
  }

  get isSliced(): boolean {
    return this.low !== 0 || this.high !== null;
  }

  /** The join for one hop from `parentAlias`, reusing an existing one where Django would. */
  join(parentAlias: string, hop: PathHop, parentOuter: boolean, filterCall: number, reuseMultiValued: boolean): Join {
    const key = `${parentAlias}|${hop.fromColumn}|${hop.to.dbTable}|${hop.toColumn}`;
    const existing = this.joins.find((j) => j.key === key &&
      (!j.multiValued || reuseMultiValued || j.filterCall === filterCall));
    if (existing) return existing;
    const used = this.joins.some((j) => j.alias === hop.to.dbTable) || hop.to.dbTable === this.baseAlias;
    const join: Join = {
      alias: used ? `T${this.joins.length + 2}` : hop.to.dbTable,
      table: hop.to.dbTable,
      parentAlias,
      parentColumn: hop.fromColumn,
      column: hop.toColumn,
      outer: hop.nullable || parentOuter,
      multiValued: hop.multiValued,
      filterCall,
      key,
    };
    this.joins.push(join);
    return join;
  }

  isOuter(alias: string): boolean {
    return this.joins.find((j) => j.alias === alias)?.outer ?? false;
  }
}
