import { createTables, getBackend } from "../index.js";
import { detectChanges } from "../migrations/autodetector.js";
import { MigrationExecutor, stateAfter, type MigrateTarget, type PlanStep } from "../migrations/executor.js";
import type { MigrationGraph } from "../migrations/graph.js";
import { loadMigrations } from "../migrations/loader.js";
import { FlagQuestioner } from "../migrations/questioner.js";
import { ProjectState } from "../migrations/state.js";
import { migratedLabels, type MigrationProject } from "./migration-project.js";

/** Raised for a bad command line (Django's `CommandError`): printed as `CommandError: ...`, exit 1. */
export class CommandError extends Error {
  override name = "CommandError";
}

/** The migration graph of the project's migrated app labels. */
export async function loadGraph(project: MigrationProject): Promise<MigrationGraph> {
  const migrated = migratedLabels(project);
  const graph = await loadMigrations(new Map([...project.folders].filter(([label]) => migrated.has(label))));
  const conflicts = graph.conflicts();
  if (conflicts.size) {
    const names = [...conflicts].map(([app, leaves]) => `${leaves.join(", ")} in ${app}`).join("; ");
    throw new CommandError(`Conflicting migrations detected; multiple leaf nodes in the migration graph: (${names}). Make one depend on the other.`);
  }
  return graph;
}

/** App labels whose models differ from their migrations (serve's and migrate's warning). */
export async function labelsWithChanges(project: MigrationProject, graph: MigrationGraph): Promise<string[]> {
  const migrated = migratedLabels(project);
  const models = ProjectState.fromModels(project.models.filter((m) => migrated.has(m.appLabel)));
  try {
    const changes = await detectChanges(stateAfter(graph), models, new FlagQuestioner({ default: "null" }), migrated);
    return [...changes.keys()].sort();
  } catch {
    return [...migrated].sort();
  }
}

/** Django's `get_migration_by_prefix`. */
export function migrationByPrefix(graph: MigrationGraph, app: string, prefix: string): string {
  const names = [...graph.nodes.values()].filter((m) => m.appLabel === app && m.name.startsWith(prefix)).map((m) => m.name);
  if (names.includes(prefix)) return prefix;
  if (names.length > 1) throw new CommandError(`More than one migration matches '${prefix}' in app '${app}'. Please be more specific.`);
  if (!names.length) throw new CommandError(`Cannot find a migration matching '${prefix}' from app '${app}'.`);
  return names[0]!;
}

/** Creates the tables of labels that have no migrations folder (Django's run_syncdb). */
export async function syncUnmigrated(project: MigrationProject, log: (line: string) => void): Promise<string[]> {
  const migrated = migratedLabels(project);
  const models = project.models.filter((m) => !migrated.has(m.appLabel));
  if (!models.length) return [];
  const created = await createTables(models.map((m) => m.model));
  log("Synchronizing apps without migrations:");
  log("  Creating tables...");
  for (const table of created) log(`    Creating table ${table}`);
  return created;
}

export interface MigrateOptions {
  targets?: MigrateTarget[];
  fake?: boolean;
  fakeInitial?: boolean;
  /** Print the plan only (`--plan`). */
  planOnly?: boolean;
}

/** `torest migrate`: Django's output, per migration `Applying app.name... OK (0.012s)`. */
export async function migrate(project: MigrationProject, graph: MigrationGraph, options: MigrateOptions, log: (line: string) => void): Promise<void> {
  const backend = getBackend();
  const executor = new MigrationExecutor(graph, backend);
  const plan = await executor.plan(options.targets);
  if (options.planOnly) {
    log("Planned operations:");
    if (!plan.length) log("  No planned migration operations.");
    for (const step of plan) {
      log(step.migration.key);
      for (const operation of step.backwards ? [...step.migration.operations].reverse() : step.migration.operations) {
        const text = operation.describe();
        log(`    ${step.backwards ? "Undo " : ""}${step.backwards ? text.charAt(0).toLowerCase() + text.slice(1) : text}${operation.reversible || !step.backwards ? "" : " -> IRREVERSIBLE"}`);
      }
    }
    return;
  }
  const migrated = migratedLabels(project);
  const unmigrated = [...project.folders.keys()].filter((l) => !migrated.has(l));
  log("Operations to perform:");
  if (unmigrated.length) log(`  Synchronize unmigrated apps: ${unmigrated.join(", ")}`);
  const target = options.targets?.[0];
  if (!target) log(`  Apply all migrations: ${[...migrated].sort().join(", ") || "(none)"}`);
  else if (target[1] === null) log(`  Unapply all migrations: ${target[0]}`);
  else log(`  Target specific migration: ${target[1]}, from ${target[0]}`);
  await syncUnmigrated(project, log);
  log("Running migrations:");
  if (!backend.features.supportsTransactionalDdl) {
    log("  (MySQL/MariaDB: schema changes are not transactional; each statement commits at once, so a failed migration can leave part of its changes to undo by hand.)");
  }
  if (!plan.length) {
    log("  No migrations to apply.");
    const changed = await labelsWithChanges(project, graph);
    if (changed.length) {
      log(`  Your models in app(s): ${changed.map((l) => `'${l}'`).join(", ")} have changes that are not yet reflected in a migration, and so won't be applied.`);
      log("  Run 'torest makemigrations' to make new migrations, and then re-run 'torest migrate' to apply them.");
    }
  }
  for (const step of plan) await runStep(executor, step, options, log);
  for (const app of project.apps) await app.postMigrate?.({ using: "default" });
}

async function runStep(executor: MigrationExecutor, step: PlanStep, options: MigrateOptions, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const verb = step.backwards ? "Unapplying" : "Applying";
  const fake = options.fake || (!step.backwards && options.fakeInitial && (await executor.softApplied(step.migration)));
  const prefix = `  ${verb} ${step.migration.key}...`;
  try {
    await executor.run(step, { fake });
  } catch (error) {
    log(`${prefix} FAILED`);
    throw error;
  }
  log(`${prefix}${fake ? " FAKED" : ` OK (${((performance.now() - started) / 1000).toFixed(3)}s)`}`);
}
