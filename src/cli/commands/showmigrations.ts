import { getBackend } from "../../index.js";
import { MigrationRecorder } from "../../migrations/recorder.js";
import type { Command } from "../command.js";
import { CommandError, loadGraph } from "../migrate-run.js";
import { commandLine, runOnProject } from "../project-command.js";

export const showmigrationsCommand: Command = {
  usage: "showmigrations [app ...] [--config FILE]",
  summary: "List each app's migrations, [X] when applied.",
  async run(args) {
    const line = commandLine(args, []);
    return runOnProject(line, async (project) => {
      const graph = await loadGraph(project);
      const applied = await new MigrationRecorder(getBackend()).applied();
      const labels = line.positionals.length ? line.positionals : [...project.folders.keys()];
      for (const label of labels) if (!project.folders.has(label)) throw new CommandError(`No installed app with label '${label}'.`);
      for (const label of labels) {
        console.log(label);
        const plan = graph.leafNodes(label).flatMap((leaf) => graph.forwardsPlan(leaf)).filter((k, i, all) => all.indexOf(k) === i);
        const mine = plan.filter((key) => graph.get(key).appLabel === label);
        if (!mine.length) console.log(" (no migrations)");
        for (const key of mine) console.log(` [${applied.has(key) ? "X" : " "}] ${graph.get(key).name}`);
      }
      return 0;
    });
  },
};
