import type { Options } from "../model/options.js";
import { Manager } from "./manager.js";

const managers = new WeakMap<Options, Manager<unknown>>();

/** The default manager of a model, made once. */
export function managerFor(options: Options): Manager<any> {
  let manager = managers.get(options);
  if (!manager) managers.set(options, (manager = new Manager(options)));
  return manager;
}
