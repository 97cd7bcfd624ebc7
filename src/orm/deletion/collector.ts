import { getBackend } from "../../db/connection.js";
import { atomic, executorFor } from "../../db/transaction.js";
import { ProtectedError, RestrictedError } from "../errors.js";
import type { Field } from "../fields/field.js";
import type { DeleteResult } from "../model/delete-instance.js";
import type { Options } from "../model/options.js";
import { apps } from "../model/registry.js";
import { stateOf } from "../model/state.js";
import type { ForeignKeyDef } from "../relations/foreign-key.js";
import { compileWhereIn } from "../sql/write.js";

type Instance = Record<string, unknown>;

/** Keys are deleted in batches below every backend's parameter limit. */
const BATCH = 500;

/**
 * Finds everything a delete reaches through `onDelete` rules, then deletes it in dependency
 * order inside one transaction (Django's deletion Collector).
 */
export class Collector {
  /** Objects to delete per model, in the order models were reached. */
  private readonly data = new Map<Options, Map<unknown, Instance>>();
  /** Foreign keys to rewrite (SET_NULL, SET_DEFAULT, SET) before deleting. */
  private readonly updates: { field: ForeignKeyDef; value: unknown; objects: Instance[] }[] = [];
  /** Model → models whose rows must go first (they point at it). */
  private readonly dependencies = new Map<Options, Set<Options>>();
  private readonly protectedBy: { field: ForeignKeyDef; objects: Instance[] }[] = [];
  private readonly restrictedBy: { field: ForeignKeyDef; objects: Instance[] }[] = [];
  /** The model whose delete was asked for: errors name it, as Django's do. */
  private root: Options | null = null;

  constructor(readonly alias: string) {}

  /** In-memory changes (keys set by SET_*, primary keys cleared), applied once the delete succeeded. */
  private readonly instanceUpdates: (() => void)[] = [];

  /** Collect and delete in one transaction; instances change only when it succeeds (as in Django). */
  async run(collect: () => Promise<void>): Promise<DeleteResult> {
    const result = await atomic(async () => {
      await collect();
      this.checkProtected();
      return this.delete();
    }, { using: this.alias });
    for (const update of this.instanceUpdates) update();
    return result;
  }

  /**
   * Add `objects` of `options` and follow the relations pointing at them. `via` is the first
   * relation of the cascade that reached them: a PROTECT found deeper is reported through it
   * (Django: "model 'P' ... through protected foreign keys: 'R.p'").
   */
  async collect(options: Options, objects: Instance[], source?: Options, via?: ForeignKeyDef): Promise<void> {
    this.root ??= options;
    let seen = this.data.get(options);
    if (!seen) this.data.set(options, (seen = new Map()));
    const added = objects.filter((o) => !seen!.has(o[options.pk.attname]));
    for (const o of added) seen.set(o[options.pk.attname], o);
    if (source) this.addDependency(source, options);
    if (!added.length) return;
    apps.resolvePending();
    for (const relation of options.relatedObjects) {
      if (relation.isManyToMany) continue; // through rows are reached by the through model's own keys
      const field = relation.field as ForeignKeyDef;
      if (field.onDelete.kind === "DO_NOTHING") continue;
      const keys = added.map((o) => o[field.targetField.attname]);
      const related = await this.relatedObjects(field, keys);
      if (!related.length) continue;
      switch (field.onDelete.kind) {
        case "CASCADE":
          await this.collect(field.model, related, options, via ?? field);
          break;
        case "PROTECT":
          this.protectedBy.push({ field: via ?? field, objects: related });
          break;
        case "RESTRICT": {
          this.restrictedBy.push({ field, objects: related });
          // If a cascade collects them after all, they must go first: databases without
          // deferrable foreign keys check each DELETE (Django's RESTRICT adds this dependency too).
          this.addDependency(options, field.model);
          break;
        }
        case "SET_NULL":
          this.updates.push({ field, value: null, objects: related });
          break;
        case "SET_DEFAULT":
          this.updates.push({ field, value: field.toJs(field.getDefault()), objects: related });
          break;
        case "SET": {
          // The value may be a key or an instance (Django's SET(get_sentinel_user)).
          const v = field.onDelete.value;
          this.updates.push({ field, value: field.toJs(typeof v === "function" ? (v as () => unknown)() : v), objects: related });
          break;
        }
      }
    }
  }

  /** Rows of `first` must be deleted before those of `model`. */
  private addDependency(model: Options, first: Options): void {
    let deps = this.dependencies.get(model);
    if (!deps) this.dependencies.set(model, (deps = new Set()));
    deps.add(first);
  }

  private async relatedObjects(field: ForeignKeyDef, keys: unknown[]): Promise<Instance[]> {
    const found: Instance[] = [];
    for (let i = 0; i < keys.length; i += BATCH) {
      const batch = keys.slice(i, i + BATCH);
      const rows = await field.model.model.objects.using(this.alias).filter({ [`${field.attname}__in`]: batch });
      found.push(...(rows as Instance[]));
    }
    return found;
  }

  private isCollected(options: Options, object: Instance): boolean {
    return this.data.get(options)?.has(object[options.pk.attname]) ?? false;
  }

  private checkProtected(): void {
    if (this.protectedBy.length) {
      const objects = this.protectedBy.flatMap((p) => p.objects);
      const fields = [...new Set(this.protectedBy.map((p) => `'${p.field.model.objectName}.${p.field.name}'`))];
      const model = this.root!.objectName;
      throw new ProtectedError(
        `Cannot delete some instances of model '${model}' because they are referenced through protected foreign keys: ${fields.join(", ")}.`,
        objects,
      );
    }
    // RESTRICT allows the delete when the restricted objects are being deleted anyway (by CASCADE).
    const blocking = this.restrictedBy
      .map((r) => ({ field: r.field, objects: r.objects.filter((o) => !this.isCollected(r.field.model, o)) }))
      .filter((r) => r.objects.length);
    if (blocking.length) {
      const fields = [...new Set(blocking.map((r) => `'${r.field.model.objectName}.${r.field.name}'`))];
      throw new RestrictedError(
        `Cannot delete some instances of model '${this.root!.objectName}' because they are referenced through restricted foreign keys: ${fields.join(", ")}.`,
        blocking.flatMap((r) => r.objects),
      );
    }
  }

  /** Models ordered so that rows pointing at a model are deleted before it. */
  private ordered(): Options[] {
    const pending = [...this.data.keys()];
    const done = new Set<Options>();
    const result: Options[] = [];
    while (pending.length) {
      const index = pending.findIndex((m) => [...(this.dependencies.get(m) ?? [])].every((d) => done.has(d) || d === m));
      const [next] = pending.splice(index === -1 ? 0 : index, 1);
      done.add(next!);
      result.push(next!);
    }
    return result;
  }

  private async delete(): Promise<DeleteResult> {
    const backend = getBackend(this.alias);
    const executor = executorFor(backend);
    for (const update of this.updates) {
      const objects = update.objects.filter((o) => !this.isCollected(update.field.model, o));
      const pk = update.field.model.pk;
      const keys = objects.map((o) => o[pk.attname]);
      for (let i = 0; i < keys.length; i += BATCH) {
        const statement = compileWhereIn("update", update.field.model, pk, keys.slice(i, i + BATCH), backend.ops, [[update.field as Field, update.value]]);
        await executor.execute(statement.sql, statement.params);
      }
      this.instanceUpdates.push(() => {
        for (const o of objects) o[update.field.attname] = update.value;
      });
    }
    const counts: Record<string, number> = {};
    let total = 0;
    for (const options of this.ordered()) {
      const objects = [...this.data.get(options)!.values()];
      let count = 0;
      const rounds = backend.features.supportsDeferrableForeignKeys ? [objects] : childrenFirst(options, objects);
      for (const round of rounds) {
        const keys = round.map((o) => o[options.pk.attname]);
        for (let i = 0; i < keys.length; i += BATCH) {
          const statement = compileWhereIn("delete", options, options.pk, keys.slice(i, i + BATCH), backend.ops);
          count += (await executor.execute(statement.sql, statement.params)).rowCount;
        }
      }
      if (count) counts[options.label] = count;
      total += count;
      this.instanceUpdates.push(() => {
        for (const o of objects) {
          o[options.pk.attname] = null;
          stateOf(o).adding = true;
        }
      });
    }
    return [total, counts];
  }
}

/**
 * Rows of a model with foreign keys to itself, split into rounds so that no row is deleted while
 * another row still to be deleted points at it: databases without deferrable foreign keys check
 * each row as the DELETE goes (MySQL). A cycle ends the rounds; the database then decides.
 */
function childrenFirst(options: Options, objects: Instance[]): Instance[][] {
  const selfKeys = options.relatedObjects
    .filter((r) => !r.isManyToMany && r.field.model === options)
    .map((r) => r.field as ForeignKeyDef);
  if (!selfKeys.length) return [objects];
  const rounds: Instance[][] = [];
  let remaining = objects;
  while (remaining.length) {
    const pointedAt = new Set<unknown>();
    for (const o of remaining) {
      for (const fk of selfKeys) if (o[fk.attname] !== o[fk.targetField.attname]) pointedAt.add(o[fk.attname]);
    }
    const free = remaining.filter((o) => !selfKeys.some((fk) => pointedAt.has(o[fk.targetField.attname])));
    if (!free.length) {
      rounds.push(remaining);
      break;
    }
    rounds.push(free);
    const deleted = new Set(free);
    remaining = remaining.filter((o) => !deleted.has(o));
  }
  return rounds;
}
