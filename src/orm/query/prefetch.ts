import { getBackend } from "../../db/connection.js";
import type { Operations } from "../../db/operations.js";
import { executorFor } from "../../db/transaction.js";
import { sqlExpr } from "../expressions/sql-expr.js";
import { FieldError, InvalidOperation } from "../errors.js";
import type { Field } from "../fields/field.js";
import { optionsOf } from "../model/meta-of.js";
import type { Options } from "../model/options.js";
import { cacheGet, cacheHas, cacheSet, stateOf } from "../model/state.js";
import { ForeignKeyDef } from "../relations/foreign-key.js";
import { ManyToManyFieldDef } from "../relations/many-to-many.js";
import type { PathHop } from "../relations/path.js";
import { ReverseRelation } from "../relations/reverse.js";
import { compileSelect } from "../sql/compiler.js";
import { converterFor, loadRows } from "./load.js";
import { Query } from "./query.js";
import { whereNode } from "./where.js";

type Instance = Record<string, unknown>;

/** Anything with a query and a database: a QuerySet. */
interface PrefetchQuerySet {
  readonly query: Query;
  readonly db: string;
}

/**
 * A `prefetchRelated` lookup with a custom queryset (Django's `Prefetch`): filter, order or
 * `selectRelated` the related objects, or store them under another name with `toAttr`.
 *
 * ```ts
 * Question.objects.prefetchRelated(new Prefetch("choices", Choice.objects.filter({ votes__gt: 0 }).orderBy("-votes")));
 * ```
 */
export class Prefetch {
  constructor(readonly lookup: string, readonly queryset?: PrefetchQuerySet, readonly toAttr?: string) {
    if (queryset && queryset.query.shape !== "models") {
      throw new InvalidOperation("Prefetch querysets cannot use values() or valuesList().");
    }
  }
}

export type PrefetchLookup = string | Prefetch;

/** How one relation of a model is fetched for a batch of instances. */
interface RelationPlan {
  /** Accessor the results are cached under. */
  accessor: string;
  target: Options;
  many: boolean;
  /** The instance value the related rows are matched on. */
  sourceKey: (instance: Instance) => unknown;
  /** Restrict `query` (a clone) to rows related to `keys`; returns how to read each row's source key. */
  restrict: (query: Query, keys: unknown[], ops: Operations) => { query: Query; keyOf: (object: Instance, row: unknown[]) => unknown };
  /** Cache the source on each loaded object (the reverse side of a foreign key). */
  back?: (object: Instance, source: Instance) => void;
}

/**
 * Load the relations named by `lookups` for `instances` (Django's `prefetch_related_objects`):
 * one query per relation level, whatever the number of instances; results go to each
 * instance's relation cache, so managers' `all()` and awaited accessors do not query.
 */
export async function prefetchRelatedObjects(instances: readonly object[], ...lookups: PrefetchLookup[]): Promise<void> {
  await prefetchLookups(instances, lookups);
}

/** `prefetchRelatedObjects` with the lookups as a list, on database `db` (querysets use it). */
export async function prefetchLookups(instances: readonly object[], lookups: readonly PrefetchLookup[], db?: string): Promise<void> {
  const done = new Map<string, object[]>();
  for (const item of lookups) {
    const lookup = typeof item === "string" ? new Prefetch(item) : item;
    const parts = lookup.lookup.split("__");
    let current: readonly object[] = instances;
    for (let i = 0; i < parts.length && current.length; i++) {
      const path = parts.slice(0, i + 1).join("__");
      const last = i === parts.length - 1;
      const seen = done.get(path);
      if (seen && !(last && (lookup.queryset || lookup.toAttr))) {
        current = seen;
        continue;
      }
      current = await prefetchOne(current as Instance[], parts[i]!, last ? lookup : null, db, lookup.lookup);
      done.set(path, current as object[]);
    }
  }
}

async function prefetchOne(instances: Instance[], name: string, lookup: Prefetch | null, db: string | undefined, through: string): Promise<Instance[]> {
  const options = optionsOf(instances[0]!.constructor);
  const plan = planFor(options, name, through);
  const toAttr = lookup?.toAttr;
  // Already loaded (selectRelated, or an earlier prefetch): nothing to query.
  if (!lookup?.queryset && !toAttr && instances.every((i) => cacheHas(i, plan.accessor))) {
    return instances.flatMap((i) => {
      const cached = cacheGet(i, plan.accessor);
      return (Array.isArray(cached) ? cached : cached ? [cached] : []) as Instance[];
    });
  }
  const keys = [...new Set(instances.map(plan.sourceKey).filter((k) => k !== null && k !== undefined))];
  const alias = lookup?.queryset?.db ?? db ?? stateOf(instances[0]!).db ?? "default";
  const base = lookup?.queryset?.query ?? Query.forModel(plan.target);
  const byKey = new Map<unknown, Instance[]>();
  const loaded: Instance[] = [];
  const backend = getBackend(alias);
  const batch = Math.max(1, backend.features.maxQueryParams - 100);
  for (let start = 0; start < keys.length; start += batch) {
    const { query, keyOf } = plan.restrict(base, keys.slice(start, start + batch), backend.ops);
    const { sql, params } = compileSelect(query, backend.ops);
    const rows = await executorFor(backend).query(sql, params);
    const objects = loadRows(query, rows, backend.ops, alias) as Instance[];
    for (let r = 0; r < objects.length; r++) {
      const object = objects[r]!;
      const key = keyOf(object, rows[r]!);
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(object);
      loaded.push(object);
    }
    if (query.prefetch.length) await prefetchLookups(objects, query.prefetch as PrefetchLookup[], alias);
  }
  for (const instance of instances) {
    const related = byKey.get(plan.sourceKey(instance)) ?? [];
    if (plan.back) for (const object of related) plan.back(object, instance);
    const value = plan.many ? related : related[0] ?? null;
    if (toAttr) instance[toAttr] = value;
    else cacheSet(instance, plan.accessor, value);
  }
  return loaded;
}

/**
 * The relation `name` of `options`: a forward field by name, or a reverse one by accessor name.
 * Errors name the whole lookup (`through`), as Django's `prefetch_related_objects`.
 */
function planFor(options: Options, name: string, through: string): RelationPlan {
  const forward = options.findField(name);
  if (forward instanceof ForeignKeyDef) return forwardPlan(forward.requireResolved());
  if (forward instanceof ManyToManyFieldDef) {
    const field = forward.requireResolved();
    return manyToManyPlan(name, field.remote, field.reversePath()[0]!, field.fromField);
  }
  const reverse = options.relatedObjects.find((r) => r.accessorName === name);
  if (reverse?.isManyToMany) {
    const field = reverse.field as ManyToManyFieldDef<any>;
    return manyToManyPlan(name, field.model, field.forwardPath()[0]!, field.toField);
  }
  if (reverse) return reversePlan(reverse);
  if (forward) {
    throw new InvalidOperation(`'${through}' does not resolve to an item that supports prefetching - this is an invalid parameter to prefetchRelated().`);
  }
  const choices = [
    ...options.fields.filter((f) => f instanceof ForeignKeyDef).map((f) => f.name),
    ...options.manyToMany.map((f) => f.name),
    ...options.relatedObjects.filter((r) => !r.hidden).map((r) => r.accessorName),
  ];
  throw new FieldError(
    `Cannot find '${name}' on ${options.objectName} object, '${through}' is an invalid parameter to prefetchRelated(). Choices are: ${choices.sort().join(", ") || "(none)"}`,
  );
}

/** A forward foreign key / one-to-one: the targets whose key is among the instances' `<fk>_id`. */
function forwardPlan(field: ForeignKeyDef): RelationPlan {
  const target = field.targetField;
  return {
    accessor: field.name,
    target: field.remote,
    many: false,
    sourceKey: (i) => i[field.attname],
    restrict: (query, keys) => ({ query: query.withFilter({ [`${target.name}__in`]: keys }, false), keyOf: (o) => o[target.attname] }),
    back: field.oneToOne ? (object, source) => cacheSet(object, field.reverse.accessorName, source) : undefined,
  };
}

/** A reverse foreign key (`choices`) or reverse one-to-one: rows whose key points at the instances. */
function reversePlan(relation: ReverseRelation): RelationPlan {
  const field = relation.field as ForeignKeyDef;
  field.requireResolved();
  return {
    accessor: relation.accessorName,
    target: relation.relatedModel,
    many: relation.multiple,
    sourceKey: (i) => i[field.targetField.attname],
    restrict: (query, keys) => ({ query: query.withFilter({ [`${field.name}__in`]: keys }, false), keyOf: (o) => o[field.attname] }),
    back: (object, source) => cacheSet(object, field.name, source),
  };
}

/**
 * Either side of a many-to-many: the targets joined to the through table, whose key towards
 * the instances is selected as a hidden column to match rows to instances.
 */
function manyToManyPlan(accessor: string, target: Options, toThrough: PathHop, sourceField: ForeignKeyDef): RelationPlan {
  const sourceKeyField: Field = sourceField.targetField;
  return {
    accessor,
    target,
    many: true,
    sourceKey: (i) => i[sourceKeyField.attname],
    restrict: (base, keys, ops) => {
      const query = base.clone();
      const join = query.join(query.baseAlias, { ...toThrough, nullable: false }, false, -1, false);
      const column = { kind: "col" as const, alias: join.alias, column: sourceField.column, field: sourceField, nullable: false };
      query.where = whereNode("AND", [...query.where.children, { kind: "lookup", lhs: column, lookup: "in", rhs: keys }]);
      query.annotations = [...query.annotations, { name: "_prefetch_related_val", expr: sqlExpr(sourceField, (c) => c.column(column)), hidden: true }];
      const convert = converterFor(sourceField, ops);
      return { query, keyOf: (_o, row) => (convert ? convert(row.at(-1)) : row.at(-1)) };
    },
  };
}
