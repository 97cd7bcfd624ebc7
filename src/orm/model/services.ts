import { ImproperlyConfigured } from "../errors.js";
import type { Manager } from "../query/manager.js";
import type { DeleteResult } from "./delete-instance.js";
import type { Options } from "./options.js";
import type { SaveOptions } from "./persistence.js";
import type { CleanOptions } from "./validation.js";

type Instance = Record<string, unknown>;

/**
 * What model instances and classes need from the layers above them: managers and querysets,
 * saving, deleting, validation. Models import none of those modules (that would make a cycle:
 * the query layer imports models); `orm/setup.ts` provides them once, as Django's model metaclass
 * is handed its managers and Kysely's tables their query builder.
 */
export interface ModelServices {
  manager(options: Options): Manager<any>;
  save(instance: Instance, options: Options, save: SaveOptions): Promise<void>;
  delete(instance: Instance, options: Options, remove: { using?: string }): Promise<DeleteResult>;
  fullClean(instance: Instance, options: Options, clean: CleanOptions): Promise<void>;
  refreshFromDb(instance: Instance, options: Options, refresh: { fields?: string[] }): Promise<void>;
}

let provided: ModelServices | null = null;

/** Called once by `orm/setup.ts`. */
export function provideModelServices(services: ModelServices): void {
  provided = services;
}

export function modelServices(): ModelServices {
  if (!provided) {
    throw new ImproperlyConfigured('The ORM is not set up: import models and querysets from "torest", not from its internal modules.');
  }
  return provided;
}
