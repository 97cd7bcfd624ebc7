import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ModelClass } from "../index.js";
import type { RestifyAppOptions, RestifyOptions } from "../rest/index.js";

/** A served model, optionally with its `@restifyModel` options. */
export type ServedModel = ModelClass | readonly [ModelClass, RestifyOptions];

/**
 * An app a project enables (Django's INSTALLED_APPS entry), usually a whole module:
 * `import * as auth from "torest/auth"; defineConfig({ apps: [auth], ... })`. Its models get
 * tables and migrations, and are served only if they are also listed in `models`.
 */
export interface TorestApp {
  /** The app's model classes (they may span several app labels, as auth and contenttypes do). */
  readonly models: readonly ModelClass[];
  /** Absolute folder of the migration files the app ships, one subfolder per app label (`<dir>/auth/0001_initial.js`). */
  readonly migrations?: string;
  /** Runs after `migrate` on a database (Django's post_migrate signal), e.g. auth creating permissions. */
  readonly postMigrate?: (context: { readonly using: string }) => Promise<void>;
}

/**
 * A project config (`torest.config.ts`):
 *
 * ```ts
 * import { defineConfig } from "torest/cli";
 * import * as polls from "./polls/models.js";
 * export default defineConfig({ database: "sqlite:///db.sqlite3", models: [polls] });
 * ```
 */
export interface TorestConfig {
  /** Database URL (default `DATABASE_URL`, else `sqlite:///db.sqlite3`). */
  database?: string;
  /** Apps whose models the project uses without serving them (Django's INSTALLED_APPS), e.g. `torest/auth`. */
  apps?: readonly TorestApp[];
  /** Model classes (optionally `[Model, options]`), or modules whose exported model classes are all served. */
  models: readonly (ServedModel | Record<string, unknown>)[];
  /**
   * Migrations folder per app label, relative to the config file (default `migrations/<label>/`
   * beside it; an app's own `migrations` folder for the labels it ships).
   */
  migrations?: Readonly<Record<string, string>>;
  /** URL prefix (default `rest/v1`). */
  prefix?: string;
  /** Passed to `restifyApp`. */
  app?: Omit<RestifyAppOptions, "models">;
}

export function defineConfig(config: TorestConfig): TorestConfig {
  return config;
}

/** Model classes from a mix of classes and modules (anything with a model `meta`). */
export function collectModels(items: TorestConfig["models"]): ServedModel[] {
  const out: ServedModel[] = [];
  const add = (value: unknown) => {
    if (typeof value === "function" && isModel(value) && !out.includes(value as ModelClass)) out.push(value as ModelClass);
  };
  for (const item of items) {
    if (typeof item === "function") add(item);
    else if (Array.isArray(item) && typeof item[0] === "function") out.push(item as ServedModel);
    else for (const value of Object.values(item)) add(value);
  }
  return out;
}

/** The model class of a served entry. */
export const modelOf = (entry: ServedModel): ModelClass => (Array.isArray(entry) ? entry[0] : entry) as ModelClass;

function isModel(value: Function): boolean {
  try {
    const meta = (value as unknown as { meta?: { dbTable?: string; autoCreated?: boolean } }).meta;
    return typeof meta?.dbTable === "string" && !meta.autoCreated;
  } catch {
    return false;
  }
}

/** Imports a config file (TypeScript works when run through the `torest` bin). */
export async function loadConfig(file: string): Promise<TorestConfig> {
  const url = pathToFileURL(path.resolve(file)).href;
  const module = (await import(url)) as { default?: TorestConfig };
  if (!module.default || !Array.isArray(module.default.models)) {
    throw new Error(`${file} must export default a config with a "models" list (see defineConfig).`);
  }
  return module.default;
}
