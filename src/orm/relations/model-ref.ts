import { ImproperlyConfigured } from "../errors.js";
import { optionsOf } from "../model/meta-of.js";
import type { Options } from "../model/options.js";
import { apps } from "../model/registry.js";

/** How a relation names its target: a thunk (`() => Place`), `"app.Model"`, `"Model"` or `"self"`. */
export type ModelRef<M = unknown> = (() => M) | string;

/**
 * The target's Options, or undefined while it cannot be known yet (a class still in its
 * temporal dead zone, or a label no model has registered under).
 */
export function resolveModelRef(ref: ModelRef, owner: Options): Options | undefined {
  if (typeof ref === "function") {
    let target: unknown;
    try {
      target = ref();
    } catch (error) {
      if (error instanceof ReferenceError) return undefined;
      throw error;
    }
    if (typeof target !== "function") {
      throw new ImproperlyConfigured(`The relation target of ${owner.label || owner.appLabel} must return a model class.`);
    }
    return optionsOf(target);
  }
  if (ref === "self") return owner;
  return apps.find(ref.includes(".") ? ref : `${owner.appLabel}.${ref}`);
}
