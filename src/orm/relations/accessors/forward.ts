import { inspect } from "node:util";
import { InvalidOperation } from "../../errors.js";
import { readDbFor, relationAllowed } from "../../model/route.js";
import { cacheDelete, cachedKeyOf, cacheGet, cacheHas, cacheSet, cacheSetWithKey } from "../../model/state.js";
import type { Options } from "../../model/options.js";
import type { ForeignKeyDef } from "../foreign-key.js";

type Instance = Record<string, unknown>;

/**
 * `restaurant.place`: awaiting loads the target (or gives the cached one); assigning an
 * instance sets `place_id` and the cache. A one-to-one also fills the target's reverse cache.
 */
export function defineForwardAccessor(prototype: object, field: ForeignKeyDef<any, boolean, boolean>): void {
  Object.defineProperty(prototype, field.name, {
    configurable: true,
    get(this: Instance) {
      return loadForward(this, field);
    },
    set(this: Instance, value: unknown) {
      assignForward(this, field, value);
    },
  });
}

const isEmpty = (value: unknown) => value === null || value === undefined;

/**
 * The cached related object, or undefined when there is none or it is stale. Django drops the
 * cache when `<name>_id` is assigned a different value; torest cannot see that assignment (field
 * values are plain properties), so it compares the key with the one recorded when the object was
 * cached (or, for loaded objects, the object's own key) and drops the cache here.
 */
export function currentForward(instance: Instance, field: ForeignKeyDef<any, boolean, boolean>): Instance | null | undefined {
  if (!cacheHas(instance, field.name)) return undefined;
  const cached = cacheGet(instance, field.name) as Instance | null;
  const key = instance[field.attname];
  const recorded = cachedKeyOf(instance, field.name);
  const cachedUnder = recorded ? recorded.value : cached === null ? null : cached[field.requireResolved().targetField.attname];
  if (isEmpty(cachedUnder) ? isEmpty(key) : cachedUnder === key) return cached;
  cacheDelete(instance, field.name);
  return undefined;
}

async function loadForward(instance: Instance, field: ForeignKeyDef<any, boolean, boolean>): Promise<unknown> {
  const { targetField, remote } = field.requireResolved();
  const cached = currentForward(instance, field);
  if (cached !== undefined) return cached;
  const key = instance[field.attname];
  if (key === null || key === undefined) {
    if (field.null) return null;
    // Django's RelatedObjectDoesNotExist: a required relation that is not set yet.
    throw new remote.DoesNotExist(`${field.model.objectName} has no ${field.name}.`);
  }
  const related = (await remote.model.objects.using(readDbFor(remote.model, instance))
    .get({ [targetField.name]: key })) as unknown as Instance;
  cacheSet(instance, field.name, related);
  if (field.oneToOne) cacheSet(related, field.reverse.accessorName, instance);
  return related;
}

export function assignForward(instance: Instance, field: ForeignKeyDef<any, boolean, boolean>, value: unknown): void {
  const { targetField, remote } = field.requireResolved();
  if (value === null || value === undefined) {
    const previous = field.oneToOne ? cacheGet(instance, field.name) as Instance | null | undefined : null;
    if (previous) cacheSet(previous, field.reverse.accessorName, null);
    instance[field.attname] = null;
    cacheSetWithKey(instance, field.name, null, null);
    return;
  }
  if (!(value instanceof remote.model)) {
    throw new InvalidOperation(
      `Cannot assign "${inspect(value)}": "${field.model.objectName}.${field.name}" must be a "${remote.objectName}" instance.`,
    );
  }
  const target = value as unknown as Instance;
  if (!relationAllowed(instance, target)) {
    throw new InvalidOperation(`Cannot assign "${inspect(value)}": the current database router prevents this relation.`);
  }
  instance[field.attname] = target[targetField.attname] ?? null;
  cacheSetWithKey(instance, field.name, target, instance[field.attname]);
  if (field.oneToOne) cacheSet(target, field.reverse.accessorName, instance);
}

/** Remove `instance` from the reverse one-to-one caches of the objects it points at. */
export function detachFromReverseCaches(instance: object, options: Options): void {
  for (const field of options.fields) {
    if (!("oneToOne" in field) || !field.oneToOne) continue;
    const fk = field as ForeignKeyDef<any, boolean, boolean>;
    const related = cacheGet(instance, fk.name) as Instance | null | undefined;
    if (related && cacheGet(related, fk.reverse.accessorName) === instance) cacheDelete(related, fk.reverse.accessorName);
  }
}
