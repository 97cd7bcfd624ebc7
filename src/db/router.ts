import { inTransaction } from "./transaction.js";

/** What a router is told besides the model: the instance at hand, when there is one. */
export interface RouterHints {
  readonly instance?: object;
}

/**
 * A database router (Django's DATABASE_ROUTERS entry): every method is optional, and answering
 * `undefined`/`null` leaves the decision to the next router, then to the default (the
 * instance's own database, else `default`).
 *
 * ```ts
 * configureDatabases({ default: PRIMARY_URL, replica: REPLICA_URL });
 * configureRouters([{
 *   dbForRead: () => "replica",
 *   dbForWrite: () => "default",
 *   allowRelation: () => true,                      // both hold the same data
 *   allowMigrate: (db) => db === "default",         // the replica follows the primary
 * }]);
 * ```
 */
export interface DatabaseRouter {
  dbForRead?(model: Function, hints: RouterHints): string | null | undefined;
  dbForWrite?(model: Function, hints: RouterHints): string | null | undefined;
  allowRelation?(obj1: object, obj2: object, hints: RouterHints): boolean | null | undefined;
  allowMigrate?(db: string, appLabel: string, hints: { readonly modelName?: string }): boolean | null | undefined;
}

let routers: readonly DatabaseRouter[] = [];

/** Install the routers, in the order they are asked (Django's DATABASE_ROUTERS). */
export function configureRouters(list: readonly DatabaseRouter[]): void {
  routers = [...list];
}

/** The database alias of an instance (its `_state.db`), handed in by the ORM. */
export type InstanceDb = (instance: object) => string | null;

function ask(method: "dbForRead" | "dbForWrite", model: Function, hints: RouterHints, instanceDb: InstanceDb): string {
  for (const router of routers) {
    const chosen = router[method]?.(model, hints);
    if (chosen) return chosen;
  }
  return (hints.instance && instanceDb(hints.instance)) || "default";
}

/**
 * The database a write of `model` goes to (Django's `router.db_for_write`): the first router's
 * answer, else the instance's own database, else `default`.
 */
export function dbForWrite(model: Function, hints: RouterHints, instanceDb: InstanceDb): string {
  return ask("dbForWrite", model, hints, instanceDb);
}

/**
 * The database a read of `model` comes from (Django's `router.db_for_read`). Inside a
 * transaction on the database writes go to, reads stay there: a replica would not see the
 * transaction's own uncommitted writes.
 */
export function dbForRead(model: Function, hints: RouterHints, instanceDb: InstanceDb): string {
  if (!routers.length) return (hints.instance && instanceDb(hints.instance)) || "default";
  const writer = dbForWrite(model, hints, instanceDb);
  if (inTransaction(writer)) return writer;
  return ask("dbForRead", model, hints, instanceDb);
}

/**
 * Whether two objects may be related (Django's `router.allow_relation`): the first router with
 * an opinion decides, else only objects of the same database.
 */
export function allowRelation(obj1: object, obj2: object, instanceDb: InstanceDb): boolean {
  for (const router of routers) {
    const allowed = router.allowRelation?.(obj1, obj2, {});
    if (allowed !== null && allowed !== undefined) return allowed;
  }
  return (instanceDb(obj1) ?? "default") === (instanceDb(obj2) ?? "default");
}

/** Whether migrations (and `createTables`) may touch `appLabel` on `db` (Django's `router.allow_migrate`). */
export function allowMigrate(db: string, appLabel: string, hints: { readonly modelName?: string } = {}): boolean {
  for (const router of routers) {
    const allowed = router.allowMigrate?.(db, appLabel, hints);
    if (allowed !== null && allowed !== undefined) return allowed;
  }
  return true;
}
