import { inspect } from "node:util";
import { atomic } from "../../../db/transaction.js";
import { InvalidOperation, ModelTypeError } from "../../errors.js";
import { pyRepr } from "../../fields/field.js";
import { cacheDelete, cacheGet, cacheHas, stateOf } from "../../model/state.js";
import { Manager } from "../../query/manager.js";
import type { CreateData } from "../../model/types.js";
import type { Lookups } from "../../query/q.js";
import { QuerySet } from "../../query/queryset.js";
import type { ForeignKeyDef } from "../foreign-key.js";
import type { ReverseRelation } from "../reverse.js";

type Instance = Record<string, unknown> & { save(o?: object): Promise<void> };

/** Django's `bulk=False`: save each object instead of one UPDATE (unsaved objects are inserted). */
export interface AddOptions {
  bulk?: boolean;
}

/** Objects, optionally followed by `{ bulk }`. */
type AddArgs<T> = T[] | [...T[], AddOptions];

/** What `set()` accepts: a list, or a queryset (evaluated first, as Django's `tuple(objs)`). */
export type SetObjects<T> = Iterable<T> | PromiseLike<Iterable<T>>;

/**
 * `restaurant.waiter_set`: the objects whose foreign key points at one instance. Querying
 * methods come from Manager; `create`, `add`, `set` change the keys. A foreign key that cannot
 * be null has no `remove()` or `clear()` (as in Django): see NullableReverseManager.
 */
export class ReverseManager<T> extends Manager<T> {
  protected readonly field: ForeignKeyDef;
  /** Where prefetchRelated leaves the objects on the instance. */
  private readonly accessor: string;

  constructor(protected readonly instance: Record<string, unknown>, relation: ReverseRelation) {
    super(relation.relatedModel, stateOf(instance).db ?? undefined);
    this.field = relation.field as ForeignKeyDef;
    this.accessor = relation.accessorName;
  }

  /** Changes make a prefetched list stale (Django's `_remove_prefetched_objects`). */
  protected forgetPrefetched(): void {
    cacheDelete(this.instance, this.accessor);
  }

  protected get key(): unknown {
    const pk = (this.instance as { pk?: unknown }).pk;
    if (pk === null || pk === undefined) {
      const name = this.field.remote.objectName;
      throw new InvalidOperation(`'${name}' instance needs to have a primary key value before this relationship can be used.`);
    }
    const key = this.instance[this.field.targetField.attname];
    if (key === null || key === undefined) {
      throw new InvalidOperation(
        `"${inspect(this.instance)}" needs to have a value for field "${this.field.targetField.attname}" before this relationship can be used.`,
      );
    }
    return key;
  }

  override getQueryset(): QuerySet<T> {
    const filter = { [this.field.name]: this.key };
    // After prefetchRelated, all() and friends answer from the loaded list without a query.
    if (cacheHas(this.instance, this.accessor)) {
      return QuerySet.prefetched(this.options, this.alias, cacheGet(this.instance, this.accessor) as T[], () => super.getQueryset().filter(filter).query);
    }
    return super.getQueryset().filter(filter);
  }

  override async create(data: CreateData<T> = {}): Promise<T> {
    this.forgetPrefetched();
    return super.create({ ...data, [this.field.name]: this.instance } as CreateData<T>);
  }

  /** Get within this set, or create pointing at this instance. */
  override async getOrCreate(lookups: Lookups, defaults: Record<string, unknown> = {}): Promise<[T, boolean]> {
    this.forgetPrefetched();
    return super.getOrCreate(lookups, { ...defaults, [this.field.name]: this.instance });
  }

  override async updateOrCreate(lookups: Lookups, defaults: Record<string, unknown> = {}): Promise<[T, boolean]> {
    this.forgetPrefetched();
    return super.updateOrCreate(lookups, { ...defaults, [this.field.name]: this.instance });
  }

  /**
   * Point objects at this instance: one UPDATE for saved objects; with `{ bulk: false }` each
   * object is saved instead (so unsaved ones are inserted), as Django's `add(bulk=False)`.
   */
  async add(...args: AddArgs<T>): Promise<void> {
    const { objects, bulk } = splitOptions<T>(args);
    this.forgetPrefetched();
    const key = this.key;
    const pk = this.options.pk.attname;
    const instances = objects as unknown as Instance[];
    for (const o of instances) {
      this.checkInstance(o);
      if (bulk && (o[pk] === null || o[pk] === undefined)) {
        throw new InvalidOperation(`${inspect(o)} instance isn't saved. Use bulk=False or save the object first.`);
      }
    }
    if (!bulk) {
      await atomic(async () => {
        for (const o of instances) {
          o[this.field.name] = this.instance;
          await o.save({ using: this.alias });
        }
      }, { using: this.alias });
      return;
    }
    await super.getQueryset().filter({ pk__in: instances.map((o) => o[pk]) }).update({ [this.field.name]: key });
    for (const o of instances) o[this.field.name] = this.instance;
  }

  protected checkInstance(o: unknown): void {
    // Django: TypeError, also for a bare primary key (`waiter_set.add(1)`).
    if (!(o instanceof this.options.model)) throw new ModelTypeError(`'${this.options.objectName}' instance expected, got ${pyObject(o)}`);
  }

  /** Make exactly these objects point here; a key that cannot be null only adds (as Django). */
  async set(objects: SetObjects<T>, options: AddOptions = {}): Promise<void> {
    const list = [...await objects];
    this.forgetPrefetched();
    if (list.length) await this.add(...list, options);
  }
}

/** The reverse side of a nullable foreign key: objects can also be unlinked. */
export class NullableReverseManager<T> extends ReverseManager<T> {
  /** Unlink objects (sets their key to NULL). */
  async remove(...objects: T[]): Promise<void> {
    this.forgetPrefetched();
    const pk = this.options.pk.attname;
    const key = this.key;
    for (const o of objects as unknown as Instance[]) {
      this.checkInstance(o);
      // Django refuses objects that are not in this set (judged by their key in memory).
      if (o[this.field.attname] !== key) {
        throw new this.field.remote.DoesNotExist(`${inspect(o)} is not related to ${inspect(this.instance)}.`);
      }
    }
    await this.getQueryset().filter({ pk__in: (objects as unknown as Instance[]).map((o) => o[pk]) }).update({ [this.field.name]: null });
    for (const o of objects as unknown as Instance[]) o[this.field.attname] = null;
  }

  async clear(): Promise<void> {
    this.forgetPrefetched();
    await this.getQueryset().update({ [this.field.name]: null });
  }

  /** Make exactly these objects point here: the others are unlinked. */
  override async set(objects: SetObjects<T>, options: AddOptions = {}): Promise<void> {
    const list = [...await objects];
    const pk = this.options.pk.attname;
    this.forgetPrefetched();
    await atomic(async () => {
      const wanted = new Set((list as unknown as Instance[]).map((o) => o[pk]));
      const current = (await this.getQueryset()) as unknown as Instance[];
      const stale = current.filter((o) => !wanted.has(o[pk]));
      if (stale.length) await this.remove(...(stale as unknown as T[]));
      const have = new Set(current.map((o) => o[pk]));
      const missing = list.filter((o) => !have.has((o as unknown as Instance)[pk]));
      if (missing.length) await this.add(...missing, options);
    }, { using: this.alias });
  }
}

/**
 * The reverse side of a foreign key as declared on a model:
 * `declare waiter_set: RelatedManager<Waiter, "restaurant">;` — naming the foreign key lets the
 * type checker know whether `remove()`/`clear()` exist (only when the key may be null, as in
 * Django). Without the name both are offered (the runtime still refuses them on a required key).
 */
export type RelatedManager<T, FK extends string = string> = string extends FK ? NullableReverseManager<T>
  : null extends T[`${FK}_id` & keyof T] ? NullableReverseManager<T> : ReverseManager<T>;

function splitOptions<T>(args: AddArgs<T>): { objects: T[]; bulk: boolean } {
  const last = args.at(-1);
  if (last !== undefined && last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype) {
    return { objects: args.slice(0, -1) as T[], bulk: (last as AddOptions).bulk ?? true };
  }
  return { objects: args as T[], bulk: true };
}

/** Python-like repr in messages: models as `<Model: str>`, strings quoted. */
function pyObject(value: unknown): string {
  return typeof value === "object" && value !== null ? inspect(value) : pyRepr(value);
}
