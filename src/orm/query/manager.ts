import type { DeleteResult } from "../model/delete-instance.js";
import type { Options } from "../model/options.js";
import type { CreateData } from "../model/types.js";
import type { Lookups, QNode } from "./q.js";
import type { FilterArgs, OrderKey, PathKey, RelationKey } from "./lookup-keys.js";
import { Query } from "./query.js";
import { QuerySet, type FlatValue, type ValuesRow } from "./queryset.js";
import type { Expression, OrderBy } from "../expressions/expression.js";
import type { Aggregate } from "../expressions/aggregates.js";
import type { PrefetchLookup } from "./prefetch.js";
import type { BulkCreateOptions } from "./bulk.js";

type Filter = QNode | Lookups | Expression<boolean>;

/**
 * The entry point for queries (`Place.objects`): every method starts from `getQueryset()`.
 * Subclass it and override `getQueryset()` for a custom default set.
 */
export class Manager<T> {
  constructor(readonly options: Options, protected readonly alias?: string) {}

  getQueryset(): QuerySet<T> {
    return new QuerySet<T>(this.options, Query.forModel(this.options), this.alias);
  }

  using(alias: string | undefined): QuerySet<T> { return this.getQueryset().using(alias); }
  all(): QuerySet<T> { return this.getQueryset(); }
  filter<A extends unknown[]>(...filters: FilterArgs<T, A>): QuerySet<T>;
  filter(...filters: Filter[]): QuerySet<T> { return this.getQueryset().filter(...filters); }
  exclude<A extends unknown[]>(...filters: FilterArgs<T, A>): QuerySet<T>;
  exclude(...filters: Filter[]): QuerySet<T> { return this.getQueryset().exclude(...filters); }
  orderBy<K extends string>(...names: (OrderKey<T, K> | Expression | OrderBy)[]): QuerySet<T>;
  orderBy(...names: (string | Expression | OrderBy)[]): QuerySet<T> { return this.getQueryset().orderBy(...names); }
  distinct(...fields: string[]): QuerySet<T> { return this.getQueryset().distinct(...fields); }
  none(): QuerySet<T> { return this.getQueryset().none(); }
  slice(start: number, stop?: number): QuerySet<T> { return this.getQueryset().slice(start, stop); }
  selectRelated<K extends string>(...paths: RelationKey<T, K>[]): QuerySet<T>;
  selectRelated(...paths: string[]): QuerySet<T> { return this.getQueryset().selectRelated(...paths); }
  selectForUpdate(options?: { nowait?: boolean; skipLocked?: boolean }): QuerySet<T> { return this.getQueryset().selectForUpdate(options); }
  get<A extends unknown[]>(...filters: FilterArgs<T, A>): Promise<T>;
  get(...filters: Filter[]): Promise<T> { return this.getQueryset().get(...filters); }
  annotate<A extends Record<string, unknown>>(annotations: A) { return this.getQueryset().annotate(annotations); }
  aggregate<A extends Record<string, Expression>>(aggregates: A, ...more: Aggregate[]): Promise<{ [K in keyof A]: A[K] extends Expression<infer R> ? R : unknown }>;
  aggregate(...aggregates: Aggregate[]): Promise<Record<string, unknown>>;
  aggregate(...args: any[]): Promise<any> { return (this.getQueryset().aggregate as (...a: unknown[]) => Promise<unknown>)(...args); }
  values(): QuerySet<Record<string, unknown>, T>;
  values<K extends string>(...names: PathKey<T, K>[]): QuerySet<ValuesRow<T, K>, T>;
  values<K extends string, E extends Record<string, unknown>>(...args: [...names: PathKey<T, K>[], expressions: E]): QuerySet<ValuesRow<T, K> & { [P in keyof E]: E[P] extends Expression<infer R> ? R : E[P] }, T & { [P in keyof E]: unknown }>;
  values(...args: any[]): QuerySet<any> { return (this.getQueryset().values as (...a: unknown[]) => QuerySet<unknown>)(...args); }
  valuesList<K extends string>(name: PathKey<T, K>, options: { flat: true }): QuerySet<FlatValue<T, K>, T>;
  valuesList<K extends string>(...names: PathKey<T, K>[]): QuerySet<unknown[], T>;
  valuesList(...args: any[]): QuerySet<any> { return (this.getQueryset().valuesList as (...a: unknown[]) => QuerySet<unknown>)(...args); }
  prefetchRelated<K extends string>(...lookups: (RelationKey<T, K> | Exclude<PrefetchLookup, string>)[]): QuerySet<T>;
  prefetchRelated(...lookups: PrefetchLookup[]): QuerySet<T> { return this.getQueryset().prefetchRelated(...lookups); }
  union(...others: (QuerySet<T> | { all?: boolean })[]): QuerySet<T> { return this.getQueryset().union(...others); }
  intersection(...others: QuerySet<T>[]): QuerySet<T> { return this.getQueryset().intersection(...others); }
  difference(...others: QuerySet<T>[]): QuerySet<T> { return this.getQueryset().difference(...others); }
  only(...names: string[]): QuerySet<T> { return this.getQueryset().only(...names); }
  defer(...names: string[]): QuerySet<T> { return this.getQueryset().defer(...names); }
  iterator(options?: { chunkSize?: number }): AsyncGenerator<T> { return this.getQueryset().iterator(options); }
  latest(...fields: string[]): Promise<T> { return this.getQueryset().latest(...fields); }
  earliest(...fields: string[]): Promise<T> { return this.getQueryset().earliest(...fields); }
  bulkCreate(objects: T[], options?: BulkCreateOptions): Promise<T[]> { return this.getQueryset().bulkCreate(objects, options); }
  bulkUpdate(objects: T[], fields: string[], options?: { batchSize?: number }): Promise<number> { return this.getQueryset().bulkUpdate(objects, fields, options); }
  inBulk(keys?: readonly unknown[], options?: { fieldName?: string }): Promise<Map<unknown, T>> { return this.getQueryset().inBulk(keys, options); }
  first(): Promise<T | null> { return this.getQueryset().first(); }
  last(): Promise<T | null> { return this.getQueryset().last(); }
  count(): Promise<number> { return this.getQueryset().count(); }
  exists(): Promise<boolean> { return this.getQueryset().exists(); }
  create(data?: CreateData<T>): Promise<T> { return this.getQueryset().create(data as Record<string, unknown>); }
  getOrCreate(lookups: Lookups, defaults?: Record<string, unknown>): Promise<[T, boolean]> { return this.getQueryset().getOrCreate(lookups, defaults); }
  updateOrCreate(lookups: Lookups, defaults?: Record<string, unknown>): Promise<[T, boolean]> { return this.getQueryset().updateOrCreate(lookups, defaults); }
  update(values: Record<string, unknown>): Promise<number> { return this.getQueryset().update(values); }
  delete(): Promise<DeleteResult> { return this.getQueryset().delete(); }
}
