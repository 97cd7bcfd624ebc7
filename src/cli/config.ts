import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ImproperlyConfigured, type ModelClass } from "../index.js";
import type { RestifyAppOptions, RestifyOptions } from "../rest/index.js";

/** A served model, optionally with options that replace its `@restifyModel` options. */
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
 * A project config (`torest.config.ts`, or `.js`/`.mjs` for plain Node):
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
  /**
   * The served models: model classes and modules of them (each keeps its `@restifyModel`
   * options), or `[Model, options]` to serve a model with these options instead.
   */
  models: readonly (ServedModel | Record<string, unknown>)[];
  /**
   * Migrations folder per app label, relative to the config file (default `migrations/<label>/`
   * beside it; an app's own `migrations` folder for the labels it ships).
   */
  migrations?: Readonly<Record<string, string>>;
  /** URL prefix (default `rest/v1`). */
  prefix?: string;
  /** Passed to `restifyApp`. */
  app?: Omit<RestifyAppOptions, "models" | "only">;
  /** Seconds `serve` waits for requests in flight on SIGTERM/SIGINT before closing them (default 30, as gunicorn). */
  gracefulTimeout?: number;
}

export function defineConfig(config: TorestConfig): TorestConfig {
  return config;
}

/** Model classes from a mix of classes, `[Model, options]` pairs and modules (anything with a model `meta`). */
export function collectModels(items: TorestConfig["models"], where = "models"): ServedModel[] {
  const out: ServedModel[] = [];
  const add = (value: unknown) => {
    if (typeof value === "function" && isModel(value) && !out.includes(value as ModelClass)) out.push(value as ModelClass);
  };
  items.forEach((item, index) => {
    if (typeof item === "function") {
      if (!isModel(item)) throw new ImproperlyConfigured(`${where}[${index}] (${item.name || "a function"}) is not a model class: declare it with Model().`);
      add(item);
    } else if (Array.isArray(item)) {
      const [model, options] = item as unknown[];
      if (typeof model !== "function" || !isModel(model) || typeof options !== "object" || options === null) {
        throw new ImproperlyConfigured(`${where}[${index}] must be [Model, options] with a model class and an options object.`);
      }
      out.push(item as ServedModel);
    } else if (typeof item === "object" && item !== null) {
      for (const value of Object.values(item)) add(value);
    } else {
      throw new ImproperlyConfigured(`${where}[${index}] is ${String(item)}: expected a model class, [Model, options] or a module of models.`);
    }
  });
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

const TYPESCRIPT = /\.[cm]?tsx?$/;
let typeScriptRegistered = false;

/**
 * Imports a config file. A `.js`/`.mjs` config loads with plain Node; a `.ts` one registers
 * tsx's loader first (only then: it costs memory and start-up time), which also compiles the
 * TypeScript modules the config imports.
 */
export async function loadConfig(file: string): Promise<TorestConfig> {
  const full = path.resolve(file);
  if (!existsSync(full)) throw new ImproperlyConfigured(`The config file ${full} does not exist.`);
  if (TYPESCRIPT.test(full) && !typeScriptRegistered) {
    const { register } = await import("tsx/esm/api");
    register();
    typeScriptRegistered = true;
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(full).href)) as { default?: unknown };
  } catch (error) {
    if (error instanceof ImproperlyConfigured) throw error;
    throw new ImproperlyConfigured(`Could not load the config file ${full}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return checkConfig(module.default, file);
}

/** The shape of a config, with an error naming the file and the key when it is wrong. */
export function checkConfig(value: unknown, file: string): TorestConfig {
  if (typeof value !== "object" || value === null || !Array.isArray((value as TorestConfig).models)) {
    throw new ImproperlyConfigured(`${file} must export default a config with a "models" list (see defineConfig from "torest/cli").`);
  }
  const config = value as TorestConfig;
  const fail = (key: string, expected: string) => {
    throw new ImproperlyConfigured(`${file}: "${key}" must be ${expected}, got ${JSON.stringify((config as unknown as Record<string, unknown>)[key])}.`);
  };
  if (config.database !== undefined && typeof config.database !== "string") fail("database", "a database URL string");
  if (config.prefix !== undefined && typeof config.prefix !== "string") fail("prefix", "a string such as \"rest/v1\"");
  if (config.apps !== undefined && (!Array.isArray(config.apps) || config.apps.some((app) => !Array.isArray(app?.models)))) {
    fail("apps", "a list of apps, each with a \"models\" list");
  }
  if (config.gracefulTimeout !== undefined && !(typeof config.gracefulTimeout === "number" && config.gracefulTimeout >= 0)) {
    fail("gracefulTimeout", "a number of seconds (0 or more)");
  }
  return config;
}
