import { getBackend } from "../../index.js";
import { MigrationExecutor } from "../../migrations/executor.js";
import type { Command } from "../command.js";
import { CommandError, loadGraph, migrationByPrefix } from "../migrate-run.js";
import { commandLine, runOnProject } from "../project-command.js";

export const sqlmigrateCommand: Command = {
  usage: "sqlmigrate app migration [--backwards] [--config FILE]",
  summary: "Print the SQL a migration runs on the configured database (nothing is run).",
  async run(args) {
    const line = commandLine(args, ["backwards"]);
    return runOnProject(line, async (project) => {
      const [app, prefix] = line.positionals;
      if (app === undefined || prefix === undefined) throw new CommandError("Give the app label and the migration name: torest sqlmigrate polls 0001.");
      const graph = await loadGraph(project);
      if (!project.folders.has(app) || !graph.leafNodes(app).length) throw new CommandError(`App '${app}' does not have migrations`);
      const migration = graph.get(`${app}.${migrationByPrefix(graph, app, prefix)}`);
      const backend = getBackend();
      const executor = new MigrationExecutor(graph, backend);
      const atomic = migration.atomic && backend.features.supportsTransactionalDdl;
      if (atomic) console.log("BEGIN;");
      const operations = line.flags.has("backwards") ? [...migration.operations].reverse() : migration.operations;
      const statements = await executor.collectSqlByOperation(migration, line.flags.has("backwards"));
      operations.forEach((operation, i) => {
        console.log(`--\n-- ${operation.describe()}\n--`);
        for (const statement of statements[i] ?? []) console.log(`${statement};`);
      });
      if (atomic) console.log("COMMIT;");
      return 0;
    });
  },
};
