import { getBackend } from "../../db/connection.js";
import { atomic, executorFor, queryNow } from "../../db/transaction.js";
import { FieldError, IntegrityError, InvalidOperation } from "../errors.js";
import type { Field } from "../fields/field.js";
import type { Options } from "../model/options.js";
import type { DeleteResult } from "../model/delete-instance.js";
import { Collector } from "../deletion/collector.js";
import { apps } from "../model/registry.js";
import { readDbFor, writeDbFor } from "../model/route.js";
import { compileCount, compileExists, compilePks, compileSelect, type CompiledSql } from "../sql/compiler.js";
import type { Row } from "../../db/backend.js";
import type { Operations } from "../../db/operations.js";
import { compileQueryWrite, compileWhereIn } from "../sql/write.js";
import { loadRows } from "./load.js";
import { detachFromReverseCaches } from "../relations/accessors/forward.js";
import { QNode, type Lookups } from "./q.js";
import type { FilterArgs, OrderKey, PathKey, RelationKey } from "./lookup-keys.js";
import { compileSingleLookup } from "./lookup-shape.js";
import { Query } from "./query.js";
import { FExpression } from "../expressions/f.js";
import { addSelectRelated } from "./select-related.js";
import type { WhereNode } from "./where.js";
import { Expression, type OrderBy } from "../expressions/expression.js";
import { aggregateQuery, withAnnotations, withExpressionFilter } from "./annotate.js";
import { Aggregate } from "../expressions/aggregates.js";
import { loadValues, withValues } from "./values.js";
import { prefetchLookups, type PrefetchLookup } from "./prefetch.js";
import { resolveUpdateValue } from "./write-expressions.js";
import { bulkCreate, bulkUpdate, type BulkCreateOptions } from "./bulk.js";
import { aggregateOverSubquery, needsAggregateSubquery } from "./aggregate-subquery.js";
import type { Combinator } from "./query.js";

/** A `values(...names)` row: the model's field types for its fields, unknown across relations. */
export type ValuesRow<T, K extends string> = Pick<T, K & keyof T> & { [P in Exclude<K, keyof T>]: unknown };
/** A `valuesList(name, { flat: true })` value: the field's type, unknown across relations. */
export type FlatValue<T, K extends string> = K extends keyof T ? T[K] : unknown;
/** What `annotate()` adds to each row's type. */
type Annotated<A> = { [K in keyof A]: A[K] extends Expression<infer R> ? R : A[K] };

/** Django's MAX_GET_RESULTS: `get()` reads at most this many rows to report duplicates. */
const MAX_GET_RESULTS = 21;

type Filter = QNode | Lookups | Expression<boolean>;

/**
 * A lazy, immutable, chainable query (Django's QuerySet). Nothing runs until it is awaited,
 * iterated or asked for a value (`count()`, `first()`...). Awaiting twice queries once.
 *
 * ```ts
 * const restaurants = await Restaurant.objects.filter({ place__name__startswith: "Demon" });
 * // SELECT ... FROM one_to_one_restaurant INNER JOIN one_to_one_place ON (...) WHERE one_to_one_place.name GLOB 'Demon*'
 * ```
 */
export class QuerySet<T, M = T> implements PromiseLike<T[]>, AsyncIterable<T> {
  private resultCache: T[] | null = null;
  /** The SELECT in flight: concurrent awaits of one queryset share it (one query, as Django's cache). */
  private pending: Promise<T[]> | null = null;

  #query: Query | (() => Query);

  /** `query` may be a function building it on first use (prefetched relations rarely need it). */
  constructor(readonly options: Options, query: Query | (() => Query), readonly alias?: string) {
    this.#query = query;
  }

  /** The query state (Django's `qs.query`). */
  get query(): Query {
    const query = this.#query;
    return typeof query === "function" ? (this.#query = query()) : query;
  }

  /**
   * @internal A queryset whose rows are already known (a prefetched relation): it runs no query,
   * and builds its query only if chained (`filter()` on it queries).
   */
  static prefetched<T>(options: Options, alias: string | undefined, results: T[], query: () => Query): QuerySet<T> {
    const queryset = new QuerySet<T>(options, query, alias);
    queryset.resultCache = results;
    return queryset;
  }

  protected chain(query: Query, alias = this.alias): QuerySet<T, M> {
    return new QuerySet<T, M>(this.options, query, alias);
  }

  /** The database alias this queryset reads from: `using()`'s, else the routers' (`default` without routers). */
  get db(): string {
    return this.alias ?? readDbFor(this.options.model);
  }

  /** The database alias this queryset's writes go to (Django's `_for_write`). */
  private get writeDb(): string {
    return this.alias ?? writeDbFor(this.options.model);
  }

  using(alias: string | undefined): QuerySet<T, M> {
    return this.chain(this.query, alias);
  }

  all(): QuerySet<T, M> {
    return this.chain(this.query);
  }

  /** Keep rows matching all the given lookups / Q objects (one call: shared multi-valued joins). */
  filter<A extends unknown[]>(...filters: FilterArgs<M, A>): QuerySet<T, M>;
  filter(...filters: Filter[]): QuerySet<T, M> {
    return this.withFilters("filter", filters, false);
  }

  /** Drop rows matching the given lookups. */
  exclude<A extends unknown[]>(...filters: FilterArgs<M, A>): QuerySet<T, M>;
  exclude(...filters: Filter[]): QuerySet<T, M> {
    return this.withFilters("exclude", filters, true);
  }

  private withFilters(method: string, filters: Filter[], negated: boolean): QuerySet<T, M> {
    this.assertNotCombined(method);
    if (filters.length) this.assertNotSliced("filter");
    return this.chain(filters.reduce((q, f) => (f instanceof Expression ? withExpressionFilter(q, f, negated) : q.withFilter(f, negated)), this.query));
  }

  /**
   * Order by fields: `"name"`, `"-name"` (descending), `"place__name"`, `"?"` (random), an
   * annotation's name, or an expression (`F("rating").desc({ nullsLast: true })`).
   */
  orderBy<K extends string>(...names: (OrderKey<M, K> | Expression | OrderBy)[]): QuerySet<T, M>;
  orderBy(...names: (string | Expression | OrderBy)[]): QuerySet<T, M> {
    this.assertNotSliced("reorder");
    return this.chain(this.query.withOrdering(names));
  }

  /** Reverse the current ordering (the default ordering, or the primary key). */
  reverse(): QuerySet<T, M> {
    const base = this.query.ordering ?? this.query.withOrdering(this.options.ordering.length ? this.options.ordering : ["pk"]).ordering!;
    const copy = this.query.clone();
    copy.ordering = base.map((t) => ({ ...t, descending: !t.descending }));
    return this.chain(copy);
  }

  /**
   * Drop duplicate rows; with field names, keep the first row of each distinct value
   * (`SELECT DISTINCT ON (...)`, where `features.supportsDistinctOn`).
   */
  distinct(...fields: string[]): QuerySet<T, M> {
    if (this.query.isSliced) throw new InvalidOperation("Cannot create distinct fields once a slice has been taken.");
    const copy = this.query.clone();
    copy.distinct = true;
    if (fields.length) {
      if (!this.backend().features.supportsDistinctOn) throw new InvalidOperation("DISTINCT ON fields is not supported by this database backend");
      copy.distinctOn = fields.map((name) => new FExpression(name).resolve({ query: copy, filterCall: -1, reuse: true, allowJoins: true }));
    }
    return this.chain(copy);
  }

  /** Rows `start` to `stop` (exclusive), like Python's `qs[start:stop]`. */
  slice(start: number, stop?: number): QuerySet<T, M> {
    if (start < 0 || (stop !== undefined && stop < 0)) throw new InvalidOperation("Negative indexing is not supported.");
    return this.chain(this.query.withSlice(start, stop));
  }

  /** A queryset that matches nothing and runs no query. */
  none(): QuerySet<T, M> {
    const copy = this.query.clone();
    copy.empty = true;
    return this.chain(copy);
  }

  /** Load forward foreign keys and one-to-ones in the same query: `selectRelated("place")`. */
  selectRelated<K extends string>(...paths: RelationKey<M, K>[]): QuerySet<T, M>;
  selectRelated(...paths: string[]): QuerySet<T, M> {
    if (this.query.shape !== "models") throw new TypeError("Cannot call select_related() after .values() or .values_list()");
    return this.chain(addSelectRelated(this.query, paths));
  }

  /** Lock the selected rows until the transaction ends (where the backend supports it). */
  selectForUpdate(options: { nowait?: boolean; skipLocked?: boolean } = {}): QuerySet<T, M> {
    const copy = this.query.clone();
    copy.forUpdate = options;
    return this.chain(copy);
  }

  /**
   * Computed values on each row: `annotate({ n: Count("choices") })` sets `n` on every object
   * (an aggregate groups by the object, or by the `values()` columns when they come first).
   *
   * ```ts
   * await Question.objects.annotate({ n: Count("choices") }).filter({ n__gte: 2 });
   * // SELECT "polls_question".*, COUNT("polls_choice"."id") FROM "polls_question"
   * //   LEFT OUTER JOIN "polls_choice" ON (...) GROUP BY "polls_question"."id", ... HAVING COUNT(...) >= 2
   * ```
   */
  annotate<A extends Record<string, unknown>>(annotations: A): QuerySet<T & Annotated<A>, M & Annotated<A>> {
    this.assertNotCombined("annotate");
    return this.chain(withAnnotations(this.query, annotations)) as unknown as QuerySet<T & Annotated<A>, M & Annotated<A>>;
  }

  /**
   * Aggregate over the whole queryset: `await qs.aggregate({ total: Sum("votes") })` gives
   * `{ total: 12 }`; positional aggregates are keyed `<field>__<fn>` (`votes__sum`).
   *
   * ```ts
   * await Choice.objects.filter({ question__author__name: "Ann" }).aggregate({ total: Sum("votes") });
   * // SELECT SUM("polls_choice"."votes") FROM "polls_choice" INNER JOIN ... WHERE "polls_author"."name" = ?
   * await Question.objects.annotate({ n: Count("choices") }).aggregate({ avg: Avg("n") });
   * // SELECT AVG("subquery"."__col0") FROM (SELECT ..., COUNT(...) AS "__col0" ... GROUP BY ...) "subquery"
   * ```
   */
  aggregate<A extends Record<string, Expression>>(aggregates: A, ...more: Aggregate[]): Promise<Annotated<A>>;
  aggregate(...aggregates: Aggregate[]): Promise<Record<string, unknown>>;
  async aggregate(...args: (Aggregate | Record<string, Expression>)[]): Promise<Record<string, unknown>> {
    const named: Record<string, unknown> = {};
    for (const arg of args) {
      if (arg instanceof Aggregate) named[arg.defaultAlias] = arg;
      else Object.assign(named, arg);
    }
    // Django: nothing to compute, no query; over `none()`, each aggregate's empty result.
    if (!Object.keys(named).length) return {};
    if (this.query.empty) return Object.fromEntries(Object.entries(named).map(([k, v]) => [k, v instanceof Aggregate ? v.emptyResult : null]));
    if (needsAggregateSubquery(this.query)) return aggregateOverSubquery(this.query, named, this.db);
    const rows = await this.chain(aggregateQuery(this.query, named)).fetch();
    return rows[0] as Record<string, unknown>;
  }

  /**
   * Rows as objects of these fields (across relations: `"question__question_text"`), not
   * instances. A last argument of expressions adds computed keys: `values("id", { lower: Lower("name") })`.
   */
  values(): QuerySet<Record<string, unknown>, M>;
  values<K extends string>(...names: PathKey<M, K>[]): QuerySet<ValuesRow<T, K>, M>;
  values<K extends string, E extends Record<string, unknown>>(...args: [...names: PathKey<M, K>[], expressions: E]): QuerySet<ValuesRow<T, K> & Annotated<E>, M & Annotated<E>>;
  values(...args: (string | Record<string, unknown>)[]): QuerySet<unknown> {
    const last = args.at(-1);
    const expressions = typeof last === "object" ? last : null;
    const names = args.filter((a): a is string => typeof a === "string");
    const query = expressions ? withAnnotations(this.query, expressions) : this.query;
    return this.chain(withValues(query, expressions ? [...names, ...Object.keys(expressions)] : names, "dicts")) as unknown as QuerySet<unknown>;
  }

  /** Rows as arrays of these fields; `valuesList("id", { flat: true })` gives the values themselves. */
  valuesList<K extends string>(name: PathKey<M, K>, options: { flat: true }): QuerySet<FlatValue<T, K>, M>;
  valuesList<K extends string>(...names: PathKey<M, K>[]): QuerySet<unknown[], M>;
  valuesList(...args: (string | { flat?: boolean })[]): QuerySet<unknown> {
    const last = args.at(-1);
    const flat = typeof last === "object" && last.flat === true;
    const names = args.filter((a): a is string => typeof a === "string");
    if (flat && names.length > 1) throw new InvalidOperation("'flat' is not valid when values_list is called with more than one field.");
    return this.chain(withValues(this.query, names, flat ? "flat" : "lists")) as unknown as QuerySet<unknown>;
  }

  /**
   * Load reverse foreign keys, many-to-many (and forward relations) for all the rows with one
   * query per relation level; `Prefetch(lookup, queryset)` customises one. No arguments: clear.
   *
   * ```ts
   * const questions = await Question.objects.prefetchRelated("choices", "tags");
   * // SELECT ... FROM "polls_question"
   * // SELECT ... FROM "polls_choice" WHERE "polls_choice"."question_id" IN (?, ?, ...)
   * // SELECT ..., "polls_question_tags"."question_id" FROM "polls_tag" INNER JOIN "polls_question_tags" ON (...) WHERE ... IN (...)
   * await questions[0].choices.all(); // no query
   * ```
   */
  prefetchRelated<K extends string>(...lookups: (RelationKey<M, K> | Exclude<PrefetchLookup, string>)[]): QuerySet<T, M>;
  prefetchRelated(...lookups: PrefetchLookup[]): QuerySet<T, M> {
    const copy = this.query.clone();
    copy.prefetch = lookups.length ? [...copy.prefetch, ...lookups] : [];
    return this.chain(copy);
  }

  /** Load only these fields (and the primary key); the others stay unset and `save()` skips them. */
  only(...names: string[]): QuerySet<T, M> {
    const wanted = new Set(names.map((n) => this.fieldFor(n)));
    const copy = this.query.clone();
    copy.loadFields = this.options.fields.filter((f) => f.primaryKey || wanted.has(f));
    return this.chain(copy);
  }

  /** Load every field but these (added to earlier `defer()` calls). */
  defer(...names: string[]): QuerySet<T, M> {
    const skipped = new Set(names.map((n) => this.fieldFor(n)));
    const copy = this.query.clone();
    copy.loadFields = names.length ? (copy.loadFields ?? this.options.fields).filter((f) => f.primaryKey || !skipped.has(f)) : null;
    return this.chain(copy);
  }

  private fieldFor(name: string): Field {
    const field = this.options.findField(name);
    if (!field || !("column" in field)) throw new FieldError(`${this.options.objectName} has no field named '${name}'`);
    return field as Field;
  }

  /** Rows in either queryset (`UNION`; `{ all: true }` keeps duplicates). */
  union(...others: (QuerySet<T, any> | { all?: boolean })[]): QuerySet<T, M> {
    return this.combine("UNION", others);
  }

  /** Rows in every queryset (`INTERSECT`). */
  intersection(...others: QuerySet<T, any>[]): QuerySet<T, M> {
    return this.combine("INTERSECT", others);
  }

  /** Rows in this queryset but not the others (`EXCEPT`). */
  difference(...others: QuerySet<T, any>[]): QuerySet<T, M> {
    return this.combine("EXCEPT", others);
  }

  private combine(operator: Combinator["operator"], args: (QuerySet<T, any> | { all?: boolean })[]): QuerySet<T, M> {
    if (!this.backend().features.supportsSetOperations) throw new InvalidOperation(`${operator} is not supported by this database backend`);
    const others = args.filter((a): a is QuerySet<T, any> => a instanceof QuerySet);
    const all = args.some((a) => !(a instanceof QuerySet) && a.all === true);
    if (!others.length) return this;
    const combined = Query.forModel(this.options);
    const first = this.query;
    combined.combinator = { operator, all, queries: [first, ...others.map((o) => o.query)] };
    combined.shape = first.shape;
    combined.valueColumns = first.valueColumns;
    combined.annotations = first.annotations;
    combined.loadFields = first.loadFields;
    combined.ordering = [];
    return this.chain(combined);
  }

  private assertNotCombined(what: string): void {
    if (this.query.combinator) throw new InvalidOperation(`Calling QuerySet.${what}() after ${this.query.combinator.operator.toLowerCase()}() is not supported.`);
  }

  /**
   * Stream the rows in chunks of `chunkSize` (one query per chunk, in a stable order), so a large
   * result is never held in memory at once. Prefetches run per chunk.
   *
   * ```ts
   * for await (const book of Book.objects.iterator({ chunkSize: 500 })) { ... }
   * ```
   */
  async *iterator(options: { chunkSize?: number } = {}): AsyncGenerator<T> {
    const chunkSize = options.chunkSize ?? 2000;
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw new InvalidOperation("Chunk size must be strictly positive.");
    if (this.resultCache) {
      yield* this.resultCache;
      return;
    }
    const q = this.query;
    if (q.ordering === null && !this.options.ordering.length && !q.isSliced && !q.combinator && q.shape === "models") {
      // Unordered: pages by primary key (`pk > last`), so each chunk costs the same however far in.
      const byPk = q.withOrdering(["pk"]);
      const pk = this.options.pk.attname;
      let last: unknown;
      while (true) {
        const page = last === undefined ? byPk : byPk.withFilter({ pk__gt: last }, false);
        const chunk = await this.chain(page.withSlice(0, chunkSize)).fetch();
        yield* chunk;
        if (chunk.length < chunkSize) return;
        last = (chunk.at(-1) as Record<string, unknown>)[pk];
      }
    }
    // Pages of an unstable order could skip or repeat rows: the primary key breaks ties.
    const ordered = this.query.combinator ? this
      : this.chain(this.query.ordering === null ? this.query.withOrdering([...this.options.ordering, "pk"]) : appendPk(this.query));
    for (let start = 0; ; start += chunkSize) {
      const chunk = await ordered.slice(start, start + chunkSize).fetch();
      yield* chunk;
      if (chunk.length < chunkSize) return;
    }
  }

  /** The object with the greatest value of the fields (Django's `latest()`). */
  async latest(...fields: string[]): Promise<T> {
    return this.edge(fields, true);
  }

  /** The object with the smallest value of the fields. */
  async earliest(...fields: string[]): Promise<T> {
    return this.edge(fields, false);
  }

  private edge(fields: string[], latest: boolean): Promise<T> {
    if (this.query.isSliced) throw new InvalidOperation("Cannot change a query once a slice has been taken.");
    if (!fields.length) throw new InvalidOperation("earliest() and latest() require either fields as positional arguments or 'getLatestBy' in the model's Meta.");
    const flip = (name: string) => (name.startsWith("-") ? name.slice(1) : `-${name}`);
    return this.orderBy(...(latest ? fields.map(flip) : fields)).slice(0, 1).get();
  }

  /**
   * Insert many objects in few statements; primary keys are set where the database returns them.
   *
   * ```ts
   * await Tag.objects.bulkCreate([new Tag({ name: "a" }), new Tag({ name: "b" })]);
   * // INSERT INTO "polls_tag" ("name") VALUES (?), (?) RETURNING "id"
   * ```
   */
  async bulkCreate(objects: T[], options: BulkCreateOptions = {}): Promise<T[]> {
    return bulkCreate(this.options, objects, this.writeDb, options);
  }

  /** Save `fields` of many objects in few statements; returns the number of rows matched. */
  async bulkUpdate(objects: T[], fields: string[], options: { batchSize?: number } = {}): Promise<number> {
    return bulkUpdate(this.options, objects, fields, this.writeDb, options);
  }

  /** Objects by key: `inBulk([1, 2])` gives a Map from each found key to its object. */
  async inBulk(keys?: readonly unknown[], options: { fieldName?: string } = {}): Promise<Map<unknown, T>> {
    const fieldName = options.fieldName ?? "pk";
    const field = fieldName === "pk" ? this.options.pk : this.fieldFor(fieldName);
    if (field !== this.options.pk && !field.unique) throw new InvalidOperation(`inBulk()'s fieldName must be a unique field but '${fieldName}' isn't.`);
    if (this.query.isSliced) throw new InvalidOperation("Cannot use 'limit' or 'offset' with in_bulk().");
    if (keys && !keys.length) return new Map();
    const objects = await (keys ? this.filter({ [`${fieldName}__in`]: keys }) : this).fetch();
    return new Map(objects.map((o) => [(o as Record<string, unknown>)[field.attname], o]));
  }

  private assertNotSliced(what: string): void {
    if (this.query.isSliced) throw new InvalidOperation(`Cannot ${what} a query once a slice has been taken.`);
  }

  private backend() {
    return getBackend(this.db);
  }

  /** Rows of a statement compiled from this queryset's query, on its database. */
  private async rows(compile: (query: Query, ops: Operations) => CompiledSql): Promise<Row[]> {
    const backend = this.backend();
    const { sql, params } = compile(this.query, backend.ops);
    return executorFor(backend).query(sql, params);
  }

  /** Run the query (or return the cached result). */
  fetch(): Promise<T[]> {
    if (this.resultCache) return Promise.resolve(this.resultCache);
    return (this.pending ??= this.load().finally(() => (this.pending = null)));
  }

  private async load(): Promise<T[]> {
    if (this.query.empty) return (this.resultCache = []);
    const backend = this.backend();
    const rows = await this.rows(compileSelect);
    if (this.query.shape !== "models") return (this.resultCache = loadValues(this.query, rows, backend.ops) as T[]);
    const objects = loadRows(this.query, rows, backend.ops, this.db) as unknown as T[];
    if (this.query.prefetch.length) await prefetchLookups(objects as object[], this.query.prefetch as PrefetchLookup[], this.db);
    return (this.resultCache = objects);
  }

  then<R1 = T[], R2 = never>(
    onfulfilled?: ((value: T[]) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // Already evaluated (a prefetched relation): skip the async fetch() frame.
    if (this.resultCache) return Promise.resolve(this.resultCache).then(onfulfilled, onrejected);
    return this.fetch().then(onfulfilled, onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.fetch();
  }

  /** The one object matching; `DoesNotExist` or `MultipleObjectsReturned` otherwise. */
  get<A extends unknown[]>(...filters: FilterArgs<M, A>): Promise<T>;
  get(...filters: Filter[]): Promise<T> {
    // Not async (one promise fewer on the hot path), so every error is turned into a rejection here.
    try {
      const found = filters.length === 1 ? this.fetchSingleLookup(filters[0]!, MAX_GET_RESULTS) : null;
      if (Array.isArray(found)) return Promise.resolve(this.onlyOne(found));
      return (found ?? this.getQueryset(filters).fetch()).then((rows) => this.onlyOne(rows));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private onlyOne(found: T[]): T {
    if (found.length === 1) return found[0]!;
    const name = this.options.objectName;
    if (!found.length) throw new this.options.DoesNotExist(`${name} matching query does not exist.`);
    const count = found.length < MAX_GET_RESULTS ? String(found.length) : `more than ${MAX_GET_RESULTS - 1}`;
    throw new this.options.MultipleObjectsReturned(`get() returned more than one ${name} -- it returned ${count}!`);
  }

  private getQueryset(filters: Filter[]): QuerySet<T> {
    const qs = filters.length ? this.filter(...filters) : this;
    return qs.query.isSliced ? qs : qs.slice(0, MAX_GET_RESULTS);
  }

  /**
   * `filter({ key: value }).slice(0, high)` on a fresh queryset, by a statement compiled once
   * for its shape (see lookup-shape.ts); null when the shape does not apply.
   */
  private fetchSingleLookup(filter: Filter, high: number): T[] | Promise<T[]> | null {
    if (typeof this.#query === "function" || filter instanceof Expression || filter instanceof QNode) return null;
    let key: string | undefined;
    for (const name in filter) {
      if (key !== undefined) return null;
      key = name;
    }
    if (key === undefined) return null;
    const backend = this.backend();
    const compiled = compileSingleLookup(this.#query, key, filter[key], high, backend.ops);
    if (!compiled) return null;
    // SQLite outside a transaction: the rows at once, no promise until the caller's.
    const rows = queryNow(backend, compiled.sql, compiled.params, compiled.unique);
    if (rows) return loadRows(compiled.query, rows, backend.ops, this.db) as unknown as T[];
    return executorFor(backend).query(compiled.sql, compiled.params).then((later) => loadRows(compiled.query, later, backend.ops, this.db) as unknown as T[]);
  }

  /** The first object (by the ordering, else the primary key), or null. */
  async first(): Promise<T | null> {
    // An evaluated, ordered queryset (a prefetched relation) answers from its rows, as Django's.
    if (this.resultCache && this.isOrdered) return this.resultCache[0] ?? null;
    // Meta.ordering does not apply to grouped queries (see annotate): those order by pk, as Django.
    const grouped = this.query.annotations.some((a) => a.expr.aggregate) || this.query.having.children.length > 0;
    const ordered = this.query.ordering === null && (!this.options.ordering.length || grouped) ? this.orderBy("pk" as string) : this;
    return (await ordered.slice(0, 1).fetch())[0] ?? null;
  }

  /** The last object (by the ordering, else the primary key), or null. */
  async last(): Promise<T | null> {
    if (this.resultCache && this.isOrdered) return this.resultCache.at(-1) ?? null;
    return (await this.reverse().slice(0, 1).fetch())[0] ?? null;
  }

  /** Has an ordering: its own, or the model's default. */
  private get isOrdered(): boolean {
    return this.query.ordering !== null ? this.query.ordering.length > 0 : this.options.ordering.length > 0;
  }

  async count(): Promise<number> {
    if (this.resultCache) return this.resultCache.length;
    if (this.query.empty) return 0;
    const rows = await this.rows(compileCount);
    return Number(rows[0]?.[0] ?? 0);
  }

  async exists(): Promise<boolean> {
    if (this.resultCache) return this.resultCache.length > 0;
    if (this.query.empty) return false;
    return (await this.rows(compileExists)).length > 0;
  }

  /** Make and save a new object. */
  async create(data: Record<string, unknown> = {}): Promise<T> {
    const instance = new this.options.model(data) as T & { save(o: object): Promise<void> };
    try {
      await instance.save({ forceInsert: true, using: this.alias });
    } catch (error) {
      // The object was never stored: it must not stay cached as a related object's reverse
      // one-to-one (getOrCreate then finds the real row; `await place.restaurant` must too).
      detachFromReverseCaches(instance as object, this.options);
      throw error;
    }
    return instance;
  }

  /**
   * `[object, created]`: get by `lookups`, or create from lookups plus `defaults`. A function in
   * `defaults` is called only when the object is created (Django's `resolve_callables`).
   */
  async getOrCreate(lookups: Lookups, defaults: Record<string, unknown> = {}): Promise<[T, boolean]> {
    // Django's get_or_create reads from the database it would write to (`_for_write`).
    if (!this.alias) return this.using(this.writeDb).getOrCreate(lookups, defaults);
    try {
      return [await this.get(lookups), false];
    } catch (error) {
      if (!(error instanceof this.options.DoesNotExist)) throw error;
    }
    const data = { ...plainLookups(lookups), ...resolveCallables(defaults) };
    try {
      return await atomic(async () => [await this.create(data), true] as [T, boolean], { using: this.writeDb });
    } catch (error) {
      // Another caller may have created it since the get (Django retries the get once).
      if (!(error instanceof IntegrityError)) throw error;
      try {
        return [await this.get(lookups), false];
      } catch (again) {
        if (!(again instanceof this.options.DoesNotExist)) throw again;
      }
      throw error;
    }
  }

  /** `[object, created]`: update the match with `defaults` (functions are called), or create it. */
  async updateOrCreate(lookups: Lookups, defaults: Record<string, unknown> = {}): Promise<[T, boolean]> {
    if (!this.alias) return this.using(this.writeDb).updateOrCreate(lookups, defaults);
    return atomic(async () => {
      const existing = await this.filter(lookups).selectForUpdate().first();
      const values = resolveCallables(defaults);
      if (!existing) return [await this.create({ ...plainLookups(lookups), ...values }), true] as [T, boolean];
      Object.assign(existing as object, values);
      await (existing as unknown as { save(): Promise<void> }).save();
      return [existing, false] as [T, boolean];
    }, { using: this.writeDb });
  }

  /** Set fields on every matching row in one statement; returns the number of rows. */
  async update(values: Record<string, unknown>): Promise<number> {
    // Django raises TypeError here (a programming error, not a bad value).
    if (this.query.isSliced) throw new TypeError("Cannot update a query once a slice has been taken.");
    const backend = getBackend(this.writeDb);
    const { ops } = backend;
    const assignments = Object.entries(values).map(([name, value]) => {
      const field = this.options.findField(name);
      if (!field || !("column" in field) || !field.concrete) {
        throw new FieldError(`Cannot update model field '${name}' (only non-relations and foreign keys permitted).`);
      }
      const f = field as Field;
      // F("votes").add(1): computed by the database from the row's own columns (or annotations).
      if (value instanceof Expression) return [f, resolveUpdateValue(name, value, this.query, ops)] as const;
      return [f, f.toJs(value)] as const;
    });
    if (!assignments.length) throw new InvalidOperation("update() needs at least one field to set.");
    if (this.query.empty) return 0;
    if (onBaseTableOnly(this.query) && !this.query.having.children.length) {
      const { sql, params } = compileQueryWrite("update", this.query, ops, assignments);
      return (await executorFor(backend).execute(sql, params)).rowCount;
    }
    return atomic(async () => {
      const pks = await this.pks();
      if (!pks.length) return 0;
      const statement = compileWhereIn("update", this.options, this.options.pk, pks, ops, assignments);
      return (await executorFor(backend).execute(statement.sql, statement.params)).rowCount;
    }, { using: this.writeDb });
  }

  /** Primary keys of the matching rows. */
  async pks(): Promise<unknown[]> {
    const { ops } = this.backend();
    return (await this.rows(compilePks)).map((row) => this.options.pk.fromDb(ops, row[0]));
  }

  /**
   * Delete the matching rows and, per `onDelete`, what points at them, in one transaction.
   * Returns `[total, { "app.Model": count }]`.
   */
  async delete(): Promise<DeleteResult> {
    if (this.query.isSliced) throw new InvalidOperation("Cannot use 'limit' or 'offset' with delete().");
    if (this.query.distinct) throw new InvalidOperation("Cannot call delete() after .distinct().");
    apps.resolvePending();
    // Django's fast delete: nothing points at this model, so one DELETE does it all.
    if (!this.options.relatedObjects.length && onBaseTableOnly(this.query)) {
      if (this.query.empty) return [0, {}];
      const backend = getBackend(this.writeDb);
      const { sql, params } = compileQueryWrite("delete", this.query, backend.ops);
      const count = (await executorFor(backend).execute(sql, params)).rowCount;
      // Django clears the result cache, in case the queryset is used again.
      this.resultCache = null;
      return [count, count ? { [this.options.label]: count } : {}];
    }
    const collector = new Collector(this.writeDb);
    const result = await collector.run(async () => {
      await collector.collect(this.options, await this.chain(collectedColumnsOnly(this.query)).fetch() as unknown as Record<string, unknown>[]);
    });
    this.resultCache = null;
    return result;
  }
}

/**
 * The rows a delete collects, loaded with just the columns the Collector reads: the primary
 * key, the keys other rows point at, and this model's keys to itself (MySQL deletes those rows
 * children first). The objects never leave the delete, so their other fields would be loaded
 * and converted for nothing. Queries that select more than the model's columns stay as they are.
 */
function collectedColumnsOnly(query: Query): Query {
  if (query.shape !== "models" || query.loadFields !== null || query.annotations.length || query.combinator || query.related.length) return query;
  const options = query.options;
  const needed = new Set<Field>([options.pk]);
  for (const relation of options.relatedObjects) {
    if (relation.isManyToMany) continue;
    const field = relation.field as { targetField?: Field; model: Options };
    if (!field.targetField) return query;
    needed.add(field.targetField);
    if (field.model === options) needed.add(relation.field as unknown as Field);
  }
  const copy = query.clone();
  copy.loadFields = options.fields.filter((f) => needed.has(f));
  return copy;
}

/** The query's ordering with the primary key appended as a tie-breaker (for stable pages). */
function appendPk(query: Query): Query {
  const withPk = query.withOrdering(["pk"]);
  const copy = query.clone();
  copy.joins = withPk.joins;
  copy.ordering = [...(query.ordering ?? []), ...withPk.ordering!];
  return copy;
}

/**
 * The conditions name only the model's own table, so UPDATE/DELETE can carry them directly
 * (no joins; no subquery, which MySQL refuses on the table being changed).
 */
function onBaseTableOnly(query: Query): boolean {
  return !query.joins.length && !hasSubquery(query.where);
}

function hasSubquery(node: WhereNode): boolean {
  return node.children.some((c) => c.kind === "subquery" || (c.kind === "where" && hasSubquery(c)));
}

/** Django's `resolve_callables`: a function among the defaults gives its value when needed. */
function resolveCallables(defaults: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, typeof v === "function" ? (v as () => unknown)() : v]));
}

/** Lookups without `__` become field values of a created object. */
function plainLookups(lookups: Lookups): Record<string, unknown> {
  return Object.fromEntries(Object.entries(lookups).filter(([key]) => !key.includes("__")));
}
