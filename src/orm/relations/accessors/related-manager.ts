import { inspect } from "node:util";
import { atomic } from "../../../db/transaction.js";
import { InvalidOperation } from "../../errors.js";
import { cacheDelete, cacheGet, cacheHas, stateOf } from "../../model/state.js";
import { Manager } from "../../query/manager.js";
import type { CreateData } from "../../model/types.js";
import type { Lookups } from "../../query/q.js";
import { QuerySet } from "../../query/queryset.js";
import type { ForeignKeyDef } from "../foreign-key.js";
import type { ReverseRelation } from "../reverse.js";

type Instance = Record<string, unknown> & { save(o?: object): Promise<void> };

/**
 * `restaurant.waiter_set`: the objects whose foreign key points at one instance. Querying
 * methods come from Manager; `create`, `add`, `remove`, `clear`, `set` change the keys.
 */
export class RelatedManager<T> extends Manager<T> {
  private readonly field: ForeignKeyDef;
  /** Where prefetchRelated leaves the objects on the instance. */
  private readonly accessor: string;

  constructor(private readonly instance: Record<string, unknown>, relation: ReverseRelation) {
    super(relation.relatedModel, stateOf(instance).db ?? undefined);
    this.field = relation.field as ForeignKeyDef;
    this.accessor = relation.accessorName;
  }

  /** Changes make a prefetched list stale (Django's `_remove_prefetched_objects`). */
  private forgetPrefetched(): void {
    cacheDelete(this.instance, this.accessor);
  }

  private get key(): unknown {
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

  /** Point saved objects at this instance (one UPDATE). */
  async add(...objects: T[]): Promise<void> {
    this.forgetPrefetched();
    const key = this.key;
    const pk = this.options.pk.attname;
    for (const o of objects as unknown as Instance[]) {
      this.checkInstance(o);
      if (o[pk] === null || o[pk] === undefined) {
        throw new InvalidOperation(`${inspect(o)} instance isn't saved. Use bulk=False or save the object first.`);
      }
    }
    await super.getQueryset().filter({ pk__in: (objects as unknown as Instance[]).map((o) => o[pk]) }).update({ [this.field.name]: key });
    for (const o of objects as unknown as Instance[]) o[this.field.name] = this.instance;
  }

  private checkInstance(o: unknown): void {
    if (!(o instanceof this.options.model)) throw new InvalidOperation(`'${this.options.objectName}' instance expected, got ${inspect(o)}`);
  }

  private requireNullable(): void {
    if (!this.field.null) {
      throw new InvalidOperation(`${this.options.objectName}.${this.field.name} cannot be null: remove() and clear() need null=True.`);
    }
  }

  /** Unlink objects (sets their key to NULL; the field must allow null). */
  async remove(...objects: T[]): Promise<void> {
    this.requireNullable();
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
    this.requireNullable();
    this.forgetPrefetched();
    await this.getQueryset().update({ [this.field.name]: null });
  }

  /** Make exactly these objects point here (the others are unlinked when the key may be null; else only added). */
  async set(objects: T[]): Promise<void> {
    const pk = this.options.pk.attname;
    this.forgetPrefetched();
    // A key that cannot be null cannot let go of the others: Django's set() then only adds.
    if (!this.field.null) {
      if (objects.length) await this.add(...objects);
      return;
    }
    await atomic(async () => {
      const wanted = new Set((objects as unknown as Instance[]).map((o) => o[pk]));
      const current = (await this.getQueryset()) as unknown as Instance[];
      const stale = current.filter((o) => !wanted.has(o[pk]));
      if (stale.length) await this.remove(...(stale as unknown as T[]));
      const have = new Set(current.map((o) => o[pk]));
      const missing = (objects as unknown as Instance[]).filter((o) => !have.has(o[pk]));
      if (missing.length) await this.add(...(missing as unknown as T[]));
    }, { using: this.alias });
  }
}
