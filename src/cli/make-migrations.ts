import path from "node:path";
import { detectChanges } from "../migrations/autodetector.js";
import { stateAfter } from "../migrations/executor.js";
import type { MigrationKey } from "../migrations/migration.js";
import type { Operation } from "../migrations/operations/base.js";
import { FlagQuestioner, InteractiveQuestioner, type Questioner } from "../migrations/questioner.js";
import { suggestName } from "../migrations/autodetector.js";
import { ProjectState } from "../migrations/state.js";
import { MigrationWriter } from "../migrations/writer.js";
import { CommandError, loadGraph } from "./migrate-run.js";
import type { MigrationProject } from "./migration-project.js";

export interface MakeOptions {
  apps: readonly string[];
  name?: string;
  empty?: boolean;
  interactive?: boolean;
  rename?: boolean;
  default?: string;
  extension: ".ts" | ".js";
}

/** One migration file to write. */
export interface NewMigration {
  appLabel: string;
  name: string;
  path: string;
  source: string;
  descriptions: string[];
}

/** Django's makemigrations: the next migration of each app whose models changed. */
export async function makeMigrations(project: MigrationProject, options: MakeOptions): Promise<{ files: NewMigration[] }> {
  for (const app of options.apps) if (!project.folders.has(app)) throw new CommandError(`App '${app}' could not be found. Is it in the config's models or apps?`);
  if (options.empty && !options.apps.length) throw new CommandError("You must supply at least one app label when using --empty.");
  if (options.name !== undefined && !/^\w+$/.test(options.name)) throw new CommandError("The migration name must be a valid identifier (letters, digits, underscores).");
  const graph = await loadGraph(project);
  const wanted = new Set(options.apps.length ? options.apps : project.folders.keys());
  let changes: Map<string, { operations: Operation[]; dependsOn: Set<string> }>;
  if (options.empty) changes = new Map(options.apps.map((app) => [app, { operations: [], dependsOn: new Set<string>() }]));
  else {
    const flags = new FlagQuestioner({ rename: options.rename, default: options.default });
    const questioner: Questioner = options.interactive ? new InteractiveQuestioner(flags) : flags;
    try {
      changes = await detectChanges(stateAfter(graph), ProjectState.fromModels(project.models), questioner, wanted);
    } finally {
      if (questioner instanceof InteractiveQuestioner) questioner.close();
    }
  }
  // The name each app's new migration gets, so that apps made in this run can depend on each other.
  const names = new Map<string, { name: string; initial: boolean }>();
  for (const [app, change] of changes) {
    const existing = [...graph.nodes.values()].filter((m) => m.appLabel === app);
    const number = Math.max(0, ...existing.map((m) => Number(m.name.slice(0, 4)) || 0)) + 1;
    const initial = !existing.length;
    const name = options.name ?? suggestName(change.operations, initial);
    names.set(app, { name: `${String(number).padStart(4, "0")}_${name}`, initial });
  }
  const files: NewMigration[] = [];
  for (const [app, change] of changes) {
    const { name, initial } = names.get(app)!;
    const dependencies: MigrationKey[] = [];
    const leaf = graph.leafNodes(app)[0];
    if (leaf) dependencies.push([app, graph.get(leaf).name]);
    for (const other of [...change.dependsOn].sort()) {
      const made = names.get(other)?.name;
      const otherLeaf = graph.leafNodes(other)[0];
      if (made) dependencies.push([other, made]);
      else if (otherLeaf) dependencies.push([other, graph.get(otherLeaf).name]);
    }
    const source = new MigrationWriter(change.operations, dependencies, initial).render();
    files.push({
      appLabel: app,
      name,
      path: path.join(project.folders.get(app)!, `${name}${options.extension}`),
      source,
      descriptions: change.operations.map((o) => o.describe()),
    });
  }
  return { files };
}
