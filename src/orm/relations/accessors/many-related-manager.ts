import { inspect } from "node:util";
import { atomic } from "../../../db/transaction.js";
import { InvalidOperation, ModelTypeError, ValidationError } from "../../errors.js";
import { pyRepr } from "../../fields/field.js";
import { BaseModel } from "../../model/base.js";
import type { Options } from "../../model/options.js";
import { cacheDelete, cacheGet, cacheHas, stateOf } from "../../model/state.js";
import { Manager } from "../../query/manager.js";
import type { CreateData } from "../../model/types.js";
import type { Lookups } from "../../query/q.js";
import { QuerySet } from "../../query/queryset.js";
import type { ForeignKeyDef } from "../foreign-key.js";
import type { ManyToManyFieldDef } from "../many-to-many.js";

/**
 * Either side of a many-to-many (`student.friends`, `student.course_set`): the objects linked
 * through the intermediate table. `add`/`remove`/`set`/`clear` write through rows; a symmetrical
 * relation to "self" writes both directions.
 */
export class ManyRelatedManager<T> extends Manager<T> {
  /** Through key pointing at this instance's model, and the one pointing at the other side. */
  private readonly source: ForeignKeyDef;
  private readonly target: ForeignKeyDef;
  private readonly through: Options;
  private readonly symmetrical: boolean;
  /** Where prefetchRelated leaves the objects on the instance. */
  private readonly accessor: string;

  constructor(private readonly instance: Record<string, unknown>, field: ManyToManyFieldDef<any>, reverse: boolean) {
    field.requireResolved();
    super(reverse ? field.model : field.remote, stateOf(instance).db ?? undefined);
    this.source = reverse ? field.toField : field.fromField;
    this.target = reverse ? field.fromField : field.toField;
    this.through = field.through;
    this.symmetrical = field.symmetrical && field.model === field.remote;
    this.accessor = reverse ? field.reverse.accessorName : field.name;
  }

  /** Changes make a prefetched list stale (Django's `_remove_prefetched_objects`). */
  private forgetPrefetched(): void {
    cacheDelete(this.instance, this.accessor);
  }

  private get key(): unknown {
    const key = this.instance[this.source.targetField.attname];
    if (key === null || key === undefined) {
      throw new InvalidOperation(
        `"${inspect(this.instance)}" needs to have a value for field "${this.source.targetField.attname}" before this many-to-many relationship can be used.`,
      );
    }
    return key;
  }

  /** Keys of the objects on the other side linked to this instance, as a subquery filter. */
  override getQueryset(): QuerySet<T> {
    const key = this.key;
    const build = () => {
      const links = this.through.model.objects.using(this.alias).filter({ [this.source.attname]: key });
      return super.getQueryset().filter({ [`${this.target.targetField.name}__in`]: new KeyList(links, this.target) });
    };
    // After prefetchRelated, all() and friends answer from the loaded list without a query.
    if (cacheHas(this.instance, this.accessor)) {
      return QuerySet.prefetched(this.options, this.alias, cacheGet(this.instance, this.accessor) as T[], () => build().query);
    }
    return build();
  }

  private keyOf(value: unknown): unknown {
    if (value instanceof BaseModel) {
      if (!(value instanceof this.options.model)) throw new ModelTypeError(`'${this.options.objectName}' instance expected, got ${inspect(value)}`);
      const key = (value as unknown as Record<string, unknown>)[this.target.targetField.attname];
      if (key === null || key === undefined) {
        throw new InvalidOperation(`Cannot add "${inspect(value)}": the value for field "${this.target.targetField.attname}" is None`);
      }
      return key;
    }
    try {
      return this.target.targetField.toJs(value);
    } catch (error) {
      // Django's get_prep_value wording (a ValueError there).
      if (!(error instanceof ValidationError)) throw error;
      const field = this.target.targetField;
      const expected = /Integer|Auto|Float/.test(field.internalType) ? "a number" : `a valid ${field.internalType} value`;
      throw new InvalidOperation(`Field '${field.name}' expected ${expected} but got ${pyRepr(value)}.`);
    }
  }

  private throughObjects() {
    return this.through.model.objects.using(this.alias);
  }

  /** Link objects (or their keys); existing links are left alone. */
  async add(...objects: (T | unknown)[]): Promise<void> {
    this.forgetPrefetched();
    const key = this.key;
    const keys = [...new Set(objects.map((o) => this.keyOf(o)))];
    await atomic(async () => {
      await this.link(this.source, this.target, key, keys);
      if (this.symmetrical) for (const other of keys) await this.link(this.source, this.target, other, [key]);
    }, { using: this.alias });
  }

  /** Insert the through rows `key` → each of `keys` that are missing, in one statement. */
  private async link(from: ForeignKeyDef, to: ForeignKeyDef, key: unknown, keys: unknown[]): Promise<void> {
    const existing = new Set((await this.throughObjects().filter({ [from.attname]: key, [`${to.attname}__in`]: keys }) as Record<string, unknown>[])
      .map((row) => row[to.attname]));
    const missing = keys.filter((other) => !existing.has(other));
    if (!missing.length) return;
    await this.throughObjects().bulkCreate(missing.map((other) => new this.through.model({ [from.attname]: key, [to.attname]: other })));
  }

  /** Unlink objects (or keys). */
  async remove(...objects: (T | unknown)[]): Promise<void> {
    this.forgetPrefetched();
    const key = this.key;
    const keys = objects.map((o) => this.keyOf(o));
    await atomic(async () => {
      await this.throughObjects().filter({ [this.source.attname]: key, [`${this.target.attname}__in`]: keys }).delete();
      if (this.symmetrical) {
        await this.throughObjects().filter({ [this.target.attname]: key, [`${this.source.attname}__in`]: keys }).delete();
      }
    }, { using: this.alias });
  }

  async clear(): Promise<void> {
    this.forgetPrefetched();
    const key = this.key;
    await atomic(async () => {
      await this.throughObjects().filter({ [this.source.attname]: key }).delete();
      if (this.symmetrical) await this.throughObjects().filter({ [this.target.attname]: key }).delete();
    }, { using: this.alias });
  }

  /** Make the links exactly these objects. */
  async set(objects: Iterable<T | unknown> | PromiseLike<Iterable<T | unknown>>): Promise<void> {
    // A queryset is evaluated first (Django's `tuple(objs)`).
    const wanted = [...await objects].map((o) => this.keyOf(o));
    this.forgetPrefetched();
    await atomic(async () => {
      const current = (await this.throughObjects().filter({ [this.source.attname]: this.key }) as Record<string, unknown>[])
        .map((row) => row[this.target.attname]);
      const stale = current.filter((k) => !wanted.includes(k));
      if (stale.length) await this.remove(...stale);
      const missing = wanted.filter((k) => !current.includes(k));
      if (missing.length) await this.add(...missing);
    }, { using: this.alias });
  }

  /** Get within the linked objects, or create one and link it. */
  override async getOrCreate(lookups: Lookups, defaults: Record<string, unknown> = {}): Promise<[T, boolean]> {
    return this.linkingCreated(() => super.getOrCreate(lookups, defaults));
  }

  override async updateOrCreate(lookups: Lookups, defaults: Record<string, unknown> = {}): Promise<[T, boolean]> {
    return this.linkingCreated(() => super.updateOrCreate(lookups, defaults));
  }

  /** Run a get-or-create style call in one transaction, linking the object when it was created. */
  private async linkingCreated(call: () => Promise<[T, boolean]>): Promise<[T, boolean]> {
    this.forgetPrefetched();
    return atomic(async () => {
      const [object, created] = await call();
      if (created) await this.add(object);
      return [object, created] as [T, boolean];
    }, { using: this.alias });
  }

  /** Create an object on the other side and link it. */
  override async create(data: CreateData<T> = {}): Promise<T> {
    return atomic(async () => {
      const created = await super.getQueryset().create(data as Record<string, unknown>);
      await this.add(created);
      return created;
    }, { using: this.alias });
  }
}

/**
 * A subquery of through-table keys, usable as an `__in` value: selects the key column that
 * points at the other side.
 */
class KeyList {
  constructor(private readonly links: QuerySet<unknown>, private readonly key: ForeignKeyDef) {}
  get query() {
    return this.links.query.withValuesColumn(this.key);
  }
}
