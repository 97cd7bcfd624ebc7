import { allowRelation, dbForRead, dbForWrite } from "../../db/router.js";
import { stateOf } from "./state.js";

// The ORM's side of the database routers (src/db/router.ts): the instance's own database is
// the default answer, as in Django's ConnectionRouter.
const instanceDb = (instance: object): string | null => stateOf(instance)?.db ?? null;

/** The database reads of `model` go to (Django's `router.db_for_read(model, instance=...)`). */
export function readDbFor(model: Function, instance?: object): string {
  return dbForRead(model, instance ? { instance } : {}, instanceDb);
}

/** The database writes of `model` go to (Django's `router.db_for_write(model, instance=...)`). */
export function writeDbFor(model: Function, instance?: object): string {
  return dbForWrite(model, instance ? { instance } : {}, instanceDb);
}

/** Whether two saved or loaded instances may be related (Django's `router.allow_relation`). */
export function relationAllowed(obj1: object, obj2: object): boolean {
  if (instanceDb(obj1) === null || instanceDb(obj2) === null) return true;
  return allowRelation(obj1, obj2, instanceDb);
}
