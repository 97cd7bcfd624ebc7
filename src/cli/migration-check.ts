import { getBackend } from "../index.js";
import { MigrationExecutor } from "../migrations/executor.js";
import type { TorestConfig } from "./config.js";
import { labelsWithChanges, loadGraph, migrate, syncUnmigrated } from "./migrate-run.js";
import { loadProject } from "./migration-project.js";

/**
 * What `serve` does with the database before listening: apps without migrations get their
 * missing tables (as before migrations existed); for the others, unapplied migrations are
 * listed with the command to run (or applied, with `migrate`), and models that changed without
 * a migration are reported. The demo (no config file) always migrates its own database.
 */
export async function prepareDatabase(options: {
  configFile?: string;
  config?: TorestConfig;
  migrate?: boolean;
  log: (line: string) => void;
}): Promise<void> {
  const { log } = options;
  const project = await loadProject({ config: options.configFile, loaded: options.config });
  const graph = await loadGraph(project);
  // The demo (no config at all) migrates its own database.
  if (options.migrate || (!options.configFile && !options.config)) {
    const lines: string[] = [];
    await migrate(project, graph, {}, (line) => lines.push(line));
    const applied = lines.filter((l) => /Applying|Creating table/.test(l));
    for (const line of applied) log(`torest: ${line.trim()}`);
    return;
  }
  const created = await syncUnmigrated(project, () => undefined);
  if (created.length) log(`torest: created tables ${created.join(", ")}`);
  const plan = await new MigrationExecutor(graph, getBackend()).plan();
  if (plan.length) {
    const apps = [...new Set(plan.map((s) => s.migration.appLabel))].sort();
    log(`\nYou have ${plan.length} unapplied migration(s). Your project may not work properly until you apply the migrations for app(s): ${apps.join(", ")}.`);
    for (const step of plan) log(`  ${step.migration.key}`);
    log(`Run 'torest migrate${options.configFile ? ` --config ${options.configFile}` : ""}' to apply them (or serve with --migrate).\n`);
  }
  const changed = await labelsWithChanges(project, graph);
  if (changed.length) {
    log(`Your models in app(s): ${changed.map((l) => `'${l}'`).join(", ")} have changes that are not yet reflected in a migration.`);
    log(`Run 'torest makemigrations${options.configFile ? ` --config ${options.configFile}` : ""}' to make new migrations, then 'torest migrate' to apply them.\n`);
  }
}
