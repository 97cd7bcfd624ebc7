import { descKey, type FieldDesc } from "./fields.js";
import type { Operation } from "./operations/base.js";
import { AddFieldOperation, AlterFieldOperation, RemoveFieldOperation, RenameFieldOperation } from "./operations/fields.js";
import {
  AddConstraintOperation, AddIndexOperation, AlterUniqueTogetherOperation, RemoveConstraintOperation, RemoveIndexOperation,
} from "./operations/meta.js";
import { AlterModelTableOperation, CreateModelOperation, DeleteModelOperation, RenameModelOperation } from "./operations/models.js";
import type { Questioner } from "./questioner.js";
import { ModelState, type ProjectState } from "./state.js";
import { columnOf, isManyToMany, isRelation, optionOf } from "./table-spec.js";

/** The operations of one app's next migration and the apps it needs first. */
export interface AppChanges {
  operations: Operation[];
  /** App labels whose latest migration this one depends on (relations to their models). */
  dependsOn: Set<string>;
}

/** Raised when a non-null field has no default and none was given (makemigrations exits 3, as Django). */
export class NoDefaultError extends Error {
  override name = "NoDefaultError";
}

const fieldsKey = (fields: [string, FieldDesc][]) => descKey({ kind: "", options: { f: fields.map(([, d]) => d) } });
const indexName = (model: ModelState, i: { fields: string[]; name?: string }) =>
  i.name ?? `${model.dbTable}_${i.fields.map((f) => columnOf(f.replace(/^-/, ""), model.field(f.replace(/^-/, ""))!)).join("_")}_idx`.slice(0, 60);

/** A non-null field that existing rows need a value for. */
function needsDefault(desc: FieldDesc): boolean {
  return !isManyToMany(desc) && desc.options.null !== true && desc.options.default === undefined &&
    !desc.options.autoNow && !desc.options.autoNowAdd && optionOf(desc, "primaryKey") !== true;
}

/**
 * Django's `MigrationAutodetector`: compares the state made by the migration files with the
 * state of today's models and returns the operations per app, asking about renames and one-off
 * defaults. Operations come in an order the database can apply: renames, new models (referenced
 * ones first), field changes, Meta changes, deleted models.
 */
export async function detectChanges(from: ProjectState, to: ProjectState, questioner: Questioner, apps?: ReadonlySet<string>): Promise<Map<string, AppChanges>> {
  const changes = new Map<string, AppChanges>();
  const wanted = (app: string) => !apps || apps.has(app);
  const forApp = (app: string) => {
    let c = changes.get(app);
    if (!c) changes.set(app, (c = { operations: [], dependsOn: new Set() }));
    return c;
  };
  const dependOn = (app: string, desc: FieldDesc) => {
    const target = desc.to?.split(".")[0];
    if (target && target !== app) forApp(app).dependsOn.add(target);
  };
  const work = from.clone();

  // Renamed models: a removed and an added model of one app with the same fields.
  const added = () => [...to.models.values()].filter((m) => wanted(m.appLabel) && !work.models.has(m.key));
  const removed = () => [...work.models.values()].filter((m) => wanted(m.appLabel) && !to.models.has(m.key));
  for (const model of added()) {
    const match = removed().find((old) => old.appLabel === model.appLabel && fieldsKey(old.fields) === fieldsKey(model.fields));
    if (match && (await questioner.askRenameModel(model.appLabel, match.name, model.name))) {
      const operation = new RenameModelOperation(match.name, model.name);
      operation.stateForwards(model.appLabel, work);
      forApp(model.appLabel).operations.push(operation);
    }
  }

  // New models, each after the new models it points at; relations in a cycle are added later.
  const created = added();
  const deferred: [ModelState, string, FieldDesc][] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const create = (model: ModelState) => {
    if (done.has(model.key)) return;
    visiting.add(model.key);
    const fields: Record<string, FieldDesc> = {};
    for (const [name, desc] of model.fields) {
      const target = created.find((m) => m.key === desc.to);
      if (target && target !== model && !done.has(target.key)) {
        if (visiting.has(target.key)) {
          deferred.push([model, name, desc]);
          continue;
        }
        create(target);
      }
      fields[name] = desc;
      dependOn(model.appLabel, desc);
    }
    visiting.delete(model.key);
    done.add(model.key);
    const operation = new CreateModelOperation(model.name, fields, structuredClone(model.options));
    operation.stateForwards(model.appLabel, work);
    forApp(model.appLabel).operations.push(operation);
  };
  created.forEach(create);
  for (const [model, name, desc] of deferred) {
    const operation = new AddFieldOperation(model.name, name, desc);
    operation.stateForwards(model.appLabel, work);
    forApp(model.appLabel).operations.push(operation);
  }

  // Field and Meta changes of the models on both sides.
  for (const model of [...to.models.values()].filter((m) => wanted(m.appLabel) && work.models.has(m.key) && !created.includes(m))) {
    const old = work.get(model.appLabel, model.name);
    const app = model.appLabel;
    const ops: Operation[] = [];
    const apply = (operation: Operation) => {
      operation.stateForwards(app, work);
      ops.push(operation);
    };
    const newNames = () => model.fields.map(([n]) => n).filter((n) => !old.field(n));
    const oldNames = () => old.fields.map(([n]) => n).filter((n) => !model.field(n));
    for (const name of newNames()) {
      const desc = model.field(name)!;
      const match = oldNames().find((o) => descKey(old.field(o)!) === descKey(desc));
      if (match && (await questioner.askRename(model.nameLower, match, name, desc.kind))) apply(new RenameFieldOperation(model.name, match, name));
    }
    for (const index of old.options.indexes ?? []) {
      if (!(model.options.indexes ?? []).some((i) => indexName(model, i) === indexName(old, index) && descKey({ kind: "", options: i }) === descKey({ kind: "", options: { ...index, name: i.name } }))) {
        apply(new RemoveIndexOperation(model.name, indexName(old, index)));
      }
    }
    for (const constraint of old.options.constraints ?? []) {
      if (!(model.options.constraints ?? []).some((c) => descKey({ kind: "", options: c }) === descKey({ kind: "", options: constraint }))) {
        apply(new RemoveConstraintOperation(model.name, constraint.name));
      }
    }
    for (const name of oldNames()) apply(new RemoveFieldOperation(model.name, name));
    for (const name of newNames()) {
      const desc = model.field(name)!;
      dependOn(app, desc);
      if (needsDefault(desc)) {
        const answer = await questioner.askNotNullDefault(model.nameLower, name, true);
        if (!answer) throw new NoDefaultError(`It is impossible to add a non-nullable field '${name}' to ${model.nameLower} without specifying a default.`);
        apply(new AddFieldOperation(model.name, name, { ...desc, options: { ...desc.options, default: answer.value } }, false));
      } else apply(new AddFieldOperation(model.name, name, desc));
    }
    for (const [name, desc] of model.fields) {
      const before = old.field(name);
      if (!before || descKey(before) === descKey(desc)) continue;
      dependOn(app, desc);
      if (before.options.null === true && needsDefault(desc)) {
        const answer = await questioner.askNotNullDefault(model.nameLower, name, false);
        if (!answer) throw new NoDefaultError(`It is impossible to change a nullable field '${name}' on ${model.nameLower} to non-nullable without providing a default.`);
        apply(new AlterFieldOperation(model.name, name, { ...desc, options: { ...desc.options, default: answer.value } }, false));
      } else apply(new AlterFieldOperation(model.name, name, desc));
    }
    if (descKey({ kind: "", options: { u: old.options.uniqueTogether ?? [] } }) !== descKey({ kind: "", options: { u: model.options.uniqueTogether ?? [] } })) {
      apply(new AlterUniqueTogetherOperation(model.name, model.options.uniqueTogether ?? []));
    }
    for (const index of model.options.indexes ?? []) {
      if (!(work.get(app, model.name).options.indexes ?? []).some((i) => indexName(model, i) === indexName(model, index))) {
        apply(new AddIndexOperation(model.name, { ...index, name: indexName(model, index) }));
      }
    }
    for (const constraint of model.options.constraints ?? []) {
      if (!(work.get(app, model.name).options.constraints ?? []).some((c) => c.name === constraint.name)) apply(new AddConstraintOperation(model.name, constraint));
    }
    if (old.options.dbTable !== model.options.dbTable) apply(new AlterModelTableOperation(model.name, model.options.dbTable));
    if (ops.length) forApp(app).operations.push(...ops);
  }

  // Deleted models, those pointed at last.
  const deleted = removed();
  const pointedAt = (m: ModelState) => deleted.some((o) => o !== m && o.fields.some(([, d]) => (isRelation(d) || isManyToMany(d)) && d.to === m.key));
  for (const model of [...deleted].sort((a, b) => Number(pointedAt(a)) - Number(pointedAt(b)))) {
    const operation = new DeleteModelOperation(model.name);
    operation.stateForwards(model.appLabel, work);
    forApp(model.appLabel).operations.push(operation);
  }
  for (const [app, c] of changes) if (!c.operations.length) changes.delete(app);
  return changes;
}

/** Django's `Migration.suggest_name()`. */
export function suggestName(operations: readonly Operation[], initial: boolean, now = new Date()): string {
  if (initial) return "initial";
  const fragments = operations.map((o) => o.migrationNameFragment);
  if (!fragments.length || fragments.some((f) => !f)) {
    const p = (n: number) => String(n).padStart(2, "0");
    return `auto_${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}_${p(now.getUTCHours())}${p(now.getUTCMinutes())}`;
  }
  let name = fragments[0]!;
  for (const fragment of fragments.slice(1)) {
    const next = `${name}_${fragment}`;
    if (next.length > 52) return `${name}_and_more`;
    name = next;
  }
  return name;
}
