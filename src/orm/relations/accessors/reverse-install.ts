import { ModelTypeError } from "../../errors.js";
import type { Options } from "../../model/options.js";
import type { ManyToManyFieldDef } from "../many-to-many.js";
import type { ReverseRelation } from "../reverse.js";
import { ManyRelatedManager } from "./many-related-manager.js";
import { NullableReverseManager, ReverseManager } from "./related-manager.js";
import { assignReverseOneToOne, loadReverseOneToOne } from "./reverse-one-to-one.js";

type Instance = Record<string, unknown>;

/**
 * Accessors a relation adds to the model it points at:
 * - reverse one-to-one (`place.restaurant`): awaitable object, assignable;
 * - reverse foreign key (`restaurant.waiter_set`): a related manager;
 * Many-to-many managers on both sides come from `defineManyToManyAccessor`.
 */
export function defineReverseAccessor(target: Options, relation: ReverseRelation): void {
  const name = relation.accessorName;
  if (relation.multiple) {
    // remove() and clear() exist only when the foreign key may be null (as in Django).
    const Manager = (relation.field as { null: boolean }).null ? NullableReverseManager : ReverseManager;
    Object.defineProperty(target.base.prototype, name, {
      configurable: true,
      get(this: Instance) {
        return new Manager(this, relation);
      },
      set() {
        throw new ModelTypeError(`Direct assignment to the reverse side of a related set is prohibited. Use ${name}.set() instead.`);
      },
    });
    return;
  }
  Object.defineProperty(target.base.prototype, name, {
    configurable: true,
    get(this: Instance) {
      return loadReverseOneToOne(this, relation);
    },
    set(this: Instance, value: unknown) {
      assignReverseOneToOne(this, relation, value);
    },
  });
}

export function defineManyToManyAccessor(owner: Options, name: string, field: ManyToManyFieldDef<any>, reverse: boolean): void {
  Object.defineProperty(owner.base.prototype, name, {
    configurable: true,
    get(this: Instance) {
      return new ManyRelatedManager(this, field, reverse);
    },
    set() {
      const side = reverse ? "reverse" : "forward";
      throw new ModelTypeError(`Direct assignment to the ${side} side of a many-to-many set is prohibited. Use ${name}.set() instead.`);
    },
  });
}
