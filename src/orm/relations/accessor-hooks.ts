import { ImproperlyConfigured } from "../errors.js";
import type { Options } from "../model/options.js";
import type { ManyToManyFieldDef } from "./many-to-many.js";
import type { ReverseRelation } from "./reverse.js";

/**
 * How a resolved relation puts its accessors on the models: related managers live in the query
 * layer, above the relation fields, so the fields call these hooks instead of importing them
 * (Django's `contribute_to_related_class` through the app registry). Set by `orm/setup.ts`.
 */
export interface AccessorInstallers {
  /** `place.restaurant` / `restaurant.waiter_set` on the target model. */
  reverse(target: Options, relation: ReverseRelation): void;
  /** Either side of a many-to-many. */
  manyToMany(owner: Options, name: string, field: ManyToManyFieldDef<any>, reverse: boolean): void;
}

let installers: AccessorInstallers | null = null;

export function provideAccessorInstallers(provided: AccessorInstallers): void {
  installers = provided;
}

export function accessorInstallers(): AccessorInstallers {
  if (!installers) {
    throw new ImproperlyConfigured('The ORM is not set up: import models and relations from "torest", not from its internal modules.');
  }
  return installers;
}
