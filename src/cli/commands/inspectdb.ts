import { getBackend } from "../../index.js";
import { introspectionFor } from "../../db/schema-editors.js";
import type { TableInfo } from "../../db/introspection.js";
import { guessAppLabel, renderModels } from "../../migrations/inspect.js";
import type { Command } from "../command.js";
import { CommandError } from "../migrate-run.js";
import { commandLine, runOnProject } from "../project-command.js";

export const inspectdbCommand: Command = {
  usage: "inspectdb [table ...] [--app LABEL] [--config FILE]",
  summary: "Print TypeScript models for the tables of an existing database (for example one made by Django).",
  async run(args) {
    const line = commandLine(args, []);
    return runOnProject(line, async () => {
      const backend = getBackend();
      const introspection = introspectionFor(backend);
      const all = await introspection.tableNames(backend);
      const names = line.positionals.length ? [...line.positionals] : all.filter((t) => t !== "django_migrations");
      const tables: TableInfo[] = [];
      for (const name of names) {
        const info = await introspection.describe(backend, name);
        if (!info) throw new CommandError(`Unable to inspect table '${name}': it does not exist.`);
        tables.push(info);
      }
      process.stdout.write(renderModels(tables, line.values.app ?? guessAppLabel(names)));
      return 0;
    });
  },
};
