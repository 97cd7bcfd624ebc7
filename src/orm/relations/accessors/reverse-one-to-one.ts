import { inspect } from "node:util";
import { InvalidOperation } from "../../errors.js";
import { cacheGet, cacheSet, cacheSetWithKey, stateOf } from "../../model/state.js";
import type { ForeignKeyDef } from "../foreign-key.js";
import type { ReverseRelation } from "../reverse.js";

type Instance = Record<string, unknown>;

/** `await place.restaurant`: the related object, or `Restaurant.DoesNotExist` when there is none. */
export async function loadReverseOneToOne(instance: Instance, relation: ReverseRelation): Promise<unknown> {
  const field = relation.field as ForeignKeyDef<any, boolean, boolean>;
  const key = instance[field.requireResolved().targetField.attname];
  let related = cacheGet(instance, relation.accessorName);
  if (related === undefined && key !== null && key !== undefined) {
    related = await relation.relatedModel.model.objects.using(stateOf(instance).db ?? undefined)
      .filter({ [field.name]: key }).first() ?? null;
    cacheSet(instance, relation.accessorName, related);
    if (related) cacheSet(related as object, field.name, instance);
  }
  if (!related) {
    const DoesNotExist = relation.relatedModel.DoesNotExist;
    throw new DoesNotExist(`${relation.target.objectName} has no ${relation.accessorName}.`);
  }
  return related;
}

/** `place.restaurant = r`: points r at this place (in memory; save r to store it). */
export function assignReverseOneToOne(instance: Instance, relation: ReverseRelation, value: unknown): void {
  const field = relation.field as ForeignKeyDef<any, boolean, boolean>;
  if (value === null || value === undefined) {
    const previous = cacheGet(instance, relation.accessorName) as Instance | null | undefined;
    if (previous) {
      previous[field.attname] = null;
      cacheSetWithKey(previous, field.name, null, null);
    }
    cacheSet(instance, relation.accessorName, null);
    return;
  }
  if (!(value instanceof relation.relatedModel.model)) {
    throw new InvalidOperation(
      `Cannot assign "${inspect(value)}": "${relation.target.objectName}.${relation.accessorName}" must be a "${relation.relatedModel.objectName}" instance.`,
    );
  }
  const related = value as unknown as Instance;
  related[field.attname] = instance[field.targetField.attname] ?? null;
  cacheSetWithKey(related, field.name, instance, related[field.attname]);
  cacheSet(instance, relation.accessorName, related);
}

/** Django's `hasattr(p2, "restaurant")` for awaitable relations: does the related object exist? */
export async function hasRelated(instance: object, accessor: string): Promise<boolean> {
  try {
    return Boolean(await (instance as Record<string, unknown>)[accessor]);
  } catch (error) {
    if (error instanceof Error && error.name.endsWith("DoesNotExist")) return false;
    throw error;
  }
}

