import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "../command.js";
import { makeMigrations } from "../make-migrations.js";
import { commandLine, runOnProject } from "../project-command.js";

export const makemigrationsCommand: Command = {
  usage: "makemigrations [app ...] [--name NAME] [--empty] [--dry-run] [--check] [--noinput] [--rename] [--default VALUE]\n    [--output-dir DIR] [--js | --ts] [--config FILE]",
  summary: "Write the next migration of each app whose models changed (0001_initial, 0002_question_votes...).\n--check exits 1 when a migration is missing; --rename answers yes to rename questions and\n--default gives the one-off default of new non-null fields when not asked interactively.",
  async run(args) {
    const line = commandLine(args, ["empty", "dry-run", "check", "noinput", "no-input", "rename", "js", "ts"]);
    return runOnProject(line, async (project) => {
      const result = await makeMigrations(project, {
        apps: line.positionals,
        name: line.values.name,
        empty: line.flags.has("empty"),
        interactive: !line.flags.has("noinput") && !line.flags.has("no-input"),
        rename: line.flags.has("rename") ? true : undefined,
        default: line.values.default,
        extension: line.flags.has("js") ? ".js" : line.flags.has("ts") ? ".ts" : project.extension,
      });
      const write = !line.flags.has("dry-run") && !line.flags.has("check");
      if (!result.files.length) {
        const apps = line.positionals;
        console.log(apps.length === 1 ? `No changes detected in app '${apps[0]}'` : apps.length ? `No changes detected in apps '${apps.join("', '")}'` : "No changes detected");
        return 0;
      }
      for (const file of result.files) {
        console.log(`Migrations for '${file.appLabel}':`);
        console.log(`  ${path.relative(process.cwd(), file.path) || file.path}`);
        for (const text of file.descriptions) console.log(`    - ${text}`);
        if (write) {
          mkdirSync(path.dirname(file.path), { recursive: true });
          writeFileSync(file.path, file.source);
        }
      }
      return line.flags.has("check") ? 1 : 0;
    });
  },
};
