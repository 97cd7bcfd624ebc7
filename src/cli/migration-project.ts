import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configureDatabases, type ModelClass } from "../index.js";
import { optionsOf } from "../orm/model/meta-of.js";
import type { Options } from "../orm/model/options.js";
import { apps as registry } from "../orm/model/registry.js";
import { ForeignKeyDef } from "../orm/relations/foreign-key.js";
import { collectModels, loadConfig, modelOf, type TorestApp, type TorestConfig } from "./config.js";
import { loadDemoConfig } from "./demo/load.js";

/** Config file names looked for in the working directory, in this order. */
export const DEFAULT_CONFIGS = ["torest.config.ts", "torest.config.mts", "torest.config.js", "torest.config.mjs"];

/** The demo's shipped migrations (src/cli/demo/migrations, or dist/cli/demo/migrations once built). */
const DEMO_MIGRATIONS = fileURLToPath(new URL("./demo/migrations/", import.meta.url));

/**
 * What the migration commands need from a project: its models by app label, each label's
 * migrations folder, the language of new migration files, and the apps' postMigrate hooks.
 */
export interface MigrationProject {
  readonly config: TorestConfig;
  /** The config file, or undefined for the demo. */
  readonly configFile?: string;
  /** Every model of the project (served models, the apps' models, what they point at). */
  readonly models: Options[];
  /** App label → migrations folder (whether it exists or not). */
  readonly folders: Map<string, string>;
  /** New migration files: `.ts` beside a TypeScript config, `.js` beside a JavaScript one. */
  readonly extension: ".ts" | ".js";
  readonly apps: readonly TorestApp[];
}

/** The config file given, else a default one in the working directory, else undefined (the demo). */
export function findConfig(given: string | true | undefined): string | undefined {
  if (typeof given === "string") return given;
  return DEFAULT_CONFIGS.find((name) => existsSync(name));
}

/** Loads the config (or the demo), configures its database and finds each app label's folder. */
export async function loadProject(options: { config?: string; loaded?: TorestConfig; outputDir?: string } = {}): Promise<MigrationProject> {
  const configFile = options.config;
  const config = options.loaded ?? (configFile ? await loadConfig(configFile) : await loadDemoConfig());
  if (config.database) configureDatabases({ default: config.database });
  const classes: ModelClass[] = [...collectModels(config.models).map(modelOf), ...(config.apps ?? []).flatMap((a) => a.models)];
  const models = projectModels(classes);
  // A config given as an object (serve({ config })) keeps its migrations in the working directory.
  const base = configFile ? path.dirname(path.resolve(configFile)) : options.loaded ? process.cwd() : undefined;
  const configured = config.migrations ?? {};
  const folders = new Map<string, string>();
  for (const label of [...new Set(models.map((m) => m.appLabel))].sort()) {
    const app = (config.apps ?? []).find((a) => a.migrations && a.models.some((m) => optionsOf(m).appLabel === label));
    let folder: string;
    if (options.outputDir) folder = path.resolve(options.outputDir, label);
    else if (configured[label]) folder = path.resolve(base ?? ".", configured[label]);
    else if (app?.migrations) folder = path.join(app.migrations, label);
    else if (base) folder = path.join(base, "migrations", label);
    else folder = path.join(DEMO_MIGRATIONS, label);
    folders.set(label, folder);
  }
  const extension = configFile && /\.m?js$/.test(configFile) ? ".js" : ".ts";
  return { config, configFile, models, folders, extension, apps: config.apps ?? [] };
}

/** The given models and, transitively, the models their relations point at. */
export function projectModels(classes: readonly ModelClass[]): Options[] {
  registry.resolvePending();
  const out: Options[] = [];
  const visit = (options: Options) => {
    if (out.includes(options) || options.autoCreated) return;
    out.push(options);
    for (const field of options.fields) {
      if (field instanceof ForeignKeyDef) visit(field.requireResolved().remote);
    }
    for (const m2m of options.manyToMany) {
      m2m.requireResolved();
      visit(m2m.remote);
      if (!m2m.through.autoCreated) visit(m2m.through);
    }
  };
  for (const cls of classes) visit(optionsOf(cls));
  return out;
}

/** Labels whose migrations folder exists: the others are synchronised without migrations (Django's run_syncdb). */
export function migratedLabels(project: MigrationProject): Set<string> {
  return new Set([...project.folders].filter(([, folder]) => existsSync(folder)).map(([label]) => label));
}
