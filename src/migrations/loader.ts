import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MigrationGraph } from "./graph.js";
import { Migration } from "./migration.js";

/** Migration file names: `0001_initial.ts`, `0002_question_votes.js` (declarations and maps skipped). */
const FILE = /^(\d{4}_\w+)\.(?:[cm]?js|[cm]?ts)$/;

/** The migration files of one folder, by migration name (a `.ts` and its built `.js` count once). */
export function migrationFiles(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(folder)) return out;
  for (const file of readdirSync(folder).sort()) {
    if (file.endsWith(".d.ts")) continue;
    const m = FILE.exec(file);
    if (m && !out.has(m[1]!)) out.set(m[1]!, path.join(folder, file));
  }
  return out;
}

/** Django's `MigrationLoader`: the files of each app's folder, imported, in a graph. */
export async function loadMigrations(folders: ReadonlyMap<string, string>): Promise<MigrationGraph> {
  const graph = new MigrationGraph();
  for (const [appLabel, folder] of folders) {
    for (const [name, file] of migrationFiles(folder)) {
      const module = (await import(pathToFileURL(file).href)) as { default?: unknown; migration?: unknown };
      const migration = module.default ?? module.migration;
      if (!(migration instanceof Migration)) {
        throw new Error(`Migration ${name} in app ${appLabel} has no Migration (export default new Migration({ ... })): ${file}`);
      }
      migration.appLabel = appLabel;
      migration.name = name;
      graph.add(migration);
    }
  }
  graph.validate();
  return graph;
}
