import { getBackend } from "../../db/connection.js";
import { atomic, executorFor } from "../../db/transaction.js";
import { FieldError, InvalidOperation } from "../errors.js";
import type { Field } from "../fields/field.js";
import type { Options } from "../model/options.js";
import type { DeleteResult } from "../model/delete-instance.js";
import { ForeignKeyDef } from "../relations/foreign-key.js";
import { Collector } from "../deletion/collector.js";
import { apps } from "../model/registry.js";
import { compileCount, compileExists, compilePks, compileSelect, SqlCompiler } from "../sql/compiler.js";
import { compileWhereIn } from "../sql/write.js";
import { loadRows } from "./load.js";
import type { Lookups, QNode } from "./q.js";
import { Query } from "./query.js";
import { addSelectRelated } from "./select-related.js";
import type { WhereNode } from "./where.js";

/** Django's MAX_GET_RESULTS: `get()` reads at most this many rows to report duplicates. */
const MAX_GET_RESULTS = 21;

type Filter = QNode | Lookups;

/**
 * A lazy, immutable, chainable query (Django's QuerySet). Nothing runs until it is awaited,
 * iterated or asked for a value (`count()`, `first()`...). Awaiting twice queries once.
 *
 * ```ts
 * const restaurants = await Restaurant.objects.filter({ place__name__startswith: "Demon" });
 * // SELECT ... FROM one_to_one_restaurant INNER JOIN one_to_one_place ON (...) WHERE one_to_one_place.name GLOB 'Demon*'
 * ```
 */
export class QuerySet<T> implements PromiseLike<T[]>, AsyncIterable<T> {
  private resultCache: T[] | null = null;

  constructor(readonly options: Options, readonly query: Query, readonly alias?: string) {}

  protected chain(query: Query, alias = this.alias): QuerySet<T> {
    return new QuerySet<T>(this.options, query, alias);
  }

  /** The database alias this queryset reads from. */
  get db(): string {
    return this.alias ?? "default";
  }

  using(alias: string | undefined): QuerySet<T> {
    return this.chain(this.query, alias);
  }

  all(): QuerySet<T> {
    return this.chain(this.query);
  }

  /** Keep rows matching all the given lookups / Q objects (one call: shared multi-valued joins). */
  filter(...filters: Filter[]): QuerySet<T> {
    return this.chain(filters.reduce((q, f) => q.withFilter(f, false), this.query));
  }

  /** Drop rows matching the given lookups. */
  exclude(...filters: Filter[]): QuerySet<T> {
    return this.chain(filters.reduce((q, f) => q.withFilter(f, true), this.query));
  }

  /** Order by fields: `"name"`, `"-name"` (descending), `"place__name"`, `"?"` (random). */
  orderBy(...names: string[]): QuerySet<T> {
    this.assertNotSliced("reorder");
    return this.chain(this.query.withOrdering(names));
  }

  /** Reverse the current ordering (the default ordering, or the primary key). */
  reverse(): QuerySet<T> {
    const base = this.query.ordering ?? this.query.withOrdering(this.options.ordering.length ? this.options.ordering : ["pk"]).ordering!;
    const copy = this.query.clone();
    copy.ordering = base.map((t) => ({ ...t, descending: !t.descending }));
    return this.chain(copy);
  }

  distinct(): QuerySet<T> {
    const copy = this.query.clone();
    copy.distinct = true;
    return this.chain(copy);
  }

  /** Rows `start` to `stop` (exclusive), like Python's `qs[start:stop]`. */
  slice(start: number, stop?: number): QuerySet<T> {
    if (start < 0 || (stop !== undefined && stop < 0)) throw new InvalidOperation("Negative indexing is not supported.");
    return this.chain(this.query.withSlice(start, stop));
  }

  /** A queryset that matches nothing and runs no query. */
  none(): QuerySet<T> {
    const copy = this.query.clone();
    copy.empty = true;
    return this.chain(copy);
  }

  /** Load forward foreign keys and one-to-ones in the same query: `selectRelated("place")`. */
  selectRelated(...paths: string[]): QuerySet<T> {
    return this.chain(addSelectRelated(this.query, paths));
  }

  /** Lock the selected rows until the transaction ends (where the backend supports it). */
  selectForUpdate(options: { nowait?: boolean; skipLocked?: boolean } = {}): QuerySet<T> {
    const copy = this.query.clone();
    copy.forUpdate = options;
    return this.chain(copy);
  }

  private assertNotSliced(what: string): void {
    if (this.query.isSliced) throw new InvalidOperation(`Cannot ${what} a query once a slice has been taken.`);
  }

  private backend() {
    return getBackend(this.db);
  }

  /** Run the query (or return the cached result). */
  async fetch(): Promise<T[]> {
    if (this.resultCache) return this.resultCache;
    if (this.query.empty) return (this.resultCache = []);
    const backend = this.backend();
    const { sql, params } = compileSelect(this.query, backend.ops);
    const rows = await executorFor(backend).query(sql, params);
    this.resultCache = loadRows(this.query, rows, backend.ops, this.db) as unknown as T[];
    return this.resultCache;
  }

  then<R1 = T[], R2 = never>(
    onfulfilled?: ((value: T[]) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.fetch().then(onfulfilled, onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.fetch();
  }

  /** The one object matching; `DoesNotExist` or `MultipleObjectsReturned` otherwise. */
  async get(...filters: Filter[]): Promise<T> {
    let qs = filters.length ? this.filter(...filters) : this;
    if (!qs.query.isSliced) qs = qs.slice(0, MAX_GET_RESULTS);
    const found = await qs.fetch();
    if (found.length === 1) return found[0]!;
    const name = this.options.objectName;
    if (!found.length) throw new this.options.DoesNotExist(`${name} matching query does not exist.`);
    const count = found.length < MAX_GET_RESULTS ? String(found.length) : `more than ${MAX_GET_RESULTS - 1}`;
    throw new this.options.MultipleObjectsReturned(`get() returned more than one ${name} -- it returned ${count}!`);
  }

  /** The first object (by the ordering, else the primary key), or null. */
  async first(): Promise<T | null> {
    const ordered = this.query.ordering === null && !this.options.ordering.length ? this.orderBy("pk") : this;
    return (await ordered.slice(0, 1).fetch())[0] ?? null;
  }

  /** The last object (by the ordering, else the primary key), or null. */
  async last(): Promise<T | null> {
    return (await this.reverse().slice(0, 1).fetch())[0] ?? null;
  }

  async count(): Promise<number> {
    if (this.resultCache) return this.resultCache.length;
    if (this.query.empty) return 0;
    const backend = this.backend();
    const { sql, params } = compileCount(this.query, backend.ops);
    const rows = await executorFor(backend).query(sql, params);
    return Number(rows[0]?.[0] ?? 0);
  }

  async exists(): Promise<boolean> {
    if (this.resultCache) return this.resultCache.length > 0;
    if (this.query.empty) return false;
    const backend = this.backend();
    const { sql, params } = compileExists(this.query, backend.ops);
    return (await executorFor(backend).query(sql, params)).length > 0;
  }

  /** Make and save a new object. */
  async create(data: Record<string, unknown> = {}): Promise<T> {
    const instance = new this.options.model(data) as T & { save(o: object): Promise<void> };
    await instance.save({ forceInsert: true, using: this.alias });
    return instance;
  }

  /** `[object, created]`: get by `lookups`, or create from lookups plus `defaults`. */
  async getOrCreate(lookups: Lookups, defaults: Record<string, unknown> = {}): Promise<[T, boolean]> {
    try {
      return [await this.get(lookups), false];
    } catch (error) {
      if (!(error instanceof this.options.DoesNotExist)) throw error;
    }
    const data = { ...plainLookups(lookups), ...defaults };
    return atomic(async () => [await this.create(data), true] as [T, boolean], { using: this.db });
  }

  /** `[object, created]`: update the match with `defaults`, or create it. */
  async updateOrCreate(lookups: Lookups, defaults: Record<string, unknown> = {}): Promise<[T, boolean]> {
    return atomic(async () => {
      const existing = await this.filter(lookups).selectForUpdate().first();
      if (!existing) return [await this.create({ ...plainLookups(lookups), ...defaults }), true] as [T, boolean];
      Object.assign(existing as object, defaults);
      await (existing as unknown as { save(): Promise<void> }).save();
      return [existing, false] as [T, boolean];
    }, { using: this.db });
  }

  /** Set fields on every matching row in one statement; returns the number of rows. */
  async update(values: Record<string, unknown>): Promise<number> {
    this.assertNotSliced("update");
    const assignments = Object.entries(values).map(([name, value]) => {
      const field = this.options.findField(name);
      if (!field || !("column" in field) || !field.concrete) {
        throw new FieldError(`Cannot update model field '${name}' (only non-relations and foreign keys permitted).`);
      }
      const f = field as Field;
      return [f, f instanceof ForeignKeyDef ? f.toJs(value) : f.toJs(value)] as const;
    });
    if (!assignments.length) throw new InvalidOperation("update() needs at least one field to set.");
    if (this.query.empty) return 0;
    const backend = this.backend();
    const { ops } = backend;
    if (!this.query.joins.length && !hasSubquery(this.query.where)) {
      const params: unknown[] = [];
      const q = ops.quoteName;
      const sets = assignments.map(([f, v]) => {
        params.push(f.toDb(ops, v));
        return `${q(f.column)} = ${ops.placeholder(params.length)}`;
      });
      const where = new SqlCompiler(ops, params).where(this.query);
      const sql = `UPDATE ${q(this.options.dbTable)} SET ${sets.join(", ")}${where}`;
      return (await executorFor(backend).execute(sql, params)).rowCount;
    }
    return atomic(async () => {
      const pks = await this.pks();
      if (!pks.length) return 0;
      const statement = compileWhereIn("update", this.options, this.options.pk, pks, ops, assignments);
      return (await executorFor(backend).execute(statement.sql, statement.params)).rowCount;
    }, { using: this.db });
  }

  /** Primary keys of the matching rows. */
  async pks(): Promise<unknown[]> {
    const backend = this.backend();
    const { sql, params } = compilePks(this.query, backend.ops);
    const rows = await executorFor(backend).query(sql, params);
    return rows.map((row) => this.options.pk.fromDb(backend.ops, row[0]));
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
    if (!this.options.relatedObjects.length && !this.query.joins.length && !hasSubquery(this.query.where)) {
      if (this.query.empty) return [0, {}];
      const backend = this.backend();
      const compiler = new SqlCompiler(backend.ops);
      const where = compiler.where(this.query);
      const sql = `DELETE FROM ${backend.ops.quoteName(this.options.dbTable)}${where}`;
      const count = (await executorFor(backend).execute(sql, compiler.params)).rowCount;
      return [count, count ? { [this.options.label]: count } : {}];
    }
    const collector = new Collector(this.db);
    return collector.run(async () => {
      await collector.collect(this.options, await this.chain(this.query.clone()).fetch() as unknown as Record<string, unknown>[]);
    });
  }
}

function hasSubquery(node: WhereNode): boolean {
  return node.children.some((c) => c.kind === "subquery" || (c.kind === "where" && hasSubquery(c)));
}

/** Lookups without `__` become field values of a created object. */
function plainLookups(lookups: Lookups): Record<string, unknown> {
  return Object.fromEntries(Object.entries(lookups).filter(([key]) => !key.includes("__")));
}
