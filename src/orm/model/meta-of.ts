import { ImproperlyConfigured } from "../errors.js";
import type { Options } from "./options.js";

/** Where a model class keeps its Options (a static slot inherited by the user's subclass). */
export const OPTIONS: unique symbol = Symbol("torest.options");

/**
 * The Options of a model class, binding the class on first use: the class a user declares with
 * `class Place extends Model(...)` is only known once it is used, and gives the model its name.
 */
export function optionsOf(cls: Function): Options {
  const options = (cls as unknown as { [OPTIONS]?: Options })[OPTIONS];
  if (!options) throw new ImproperlyConfigured(`${cls.name || "This class"} is not a model: declare it with Model().`);
  // A model registered at declaration is completed by its user class on first use.
  if (options.provisional && cls !== options.base) options.bind(cls as never);
  if (!options.isBound) {
    if (!options.meta.name && !cls.name) {
      throw new ImproperlyConfigured("A model needs a name: declare `class X extends Model(...)` or pass meta.name.");
    }
    options.bind(cls as never);
  }
  return options;
}
