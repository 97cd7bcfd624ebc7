import type { DeleteResult } from "../model/delete-instance.js";
import type { Options } from "../model/options.js";
import type { Lookups, QNode } from "./q.js";
import { Query } from "./query.js";
import { QuerySet } from "./queryset.js";

type Filter = QNode | Lookups;

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
  filter(...filters: Filter[]): QuerySet<T> { return this.getQueryset().filter(...filters); }
  exclude(...filters: Filter[]): QuerySet<T> { return this.getQueryset().exclude(...filters); }
  orderBy(...names: string[]): QuerySet<T> { return this.getQueryset().orderBy(...names); }
  distinct(): QuerySet<T> { return this.getQueryset().distinct(); }
  none(): QuerySet<T> { return this.getQueryset().none(); }
  slice(start: number, stop?: number): QuerySet<T> { return this.getQueryset().slice(start, stop); }
  selectRelated(...paths: string[]): QuerySet<T> { return this.getQueryset().selectRelated(...paths); }
  selectForUpdate(options?: { nowait?: boolean; skipLocked?: boolean }): QuerySet<T> { return this.getQueryset().selectForUpdate(options); }
  get(...filters: Filter[]): Promise<T> { return this.getQueryset().get(...filters); }
  first(): Promise<T | null> { return this.getQueryset().first(); }
  last(): Promise<T | null> { return this.getQueryset().last(); }
  count(): Promise<number> { return this.getQueryset().count(); }
  exists(): Promise<boolean> { return this.getQueryset().exists(); }
  create(data?: Record<string, unknown>): Promise<T> { return this.getQueryset().create(data); }
  getOrCreate(lookups: Lookups, defaults?: Record<string, unknown>): Promise<[T, boolean]> { return this.getQueryset().getOrCreate(lookups, defaults); }
  updateOrCreate(lookups: Lookups, defaults?: Record<string, unknown>): Promise<[T, boolean]> { return this.getQueryset().updateOrCreate(lookups, defaults); }
  update(values: Record<string, unknown>): Promise<number> { return this.getQueryset().update(values); }
  delete(): Promise<DeleteResult> { return this.getQueryset().delete(); }
}
