import { inspect } from "node:util";
import { InvalidOperation } from "../../errors.js";
import { readDbFor, relationAllowed } from "../../model/route.js";
import { cacheGet, cacheHas, cacheSet } from "../../model/state.js";
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

async function loadForward(instance: Instance, field: ForeignKeyDef<any, boolean, boolean>): Promise<unknown> {
  const key = instance[field.attname];
  const { targetField, remote } = field.requireResolved();
  if (cacheHas(instance, field.name)) {
    const cached = cacheGet(instance, field.name) as Instance | null;
    // A cache left behind by a direct change of `<name>_id` is stale.
    if (cached === null ? key === null || key === undefined : cached[targetField.attname] === key) return cached;
  }
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
    cacheSet(instance, field.name, null);
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
  cacheSet(instance, field.name, target);
  if (field.oneToOne) cacheSet(target, field.reverse.accessorName, instance);
}
