import type { Command } from "../command.js";
import { CommandError, loadGraph, migrate, migrationByPrefix } from "../migrate-run.js";
import { migratedLabels } from "../migration-project.js";
import { commandLine, runOnProject } from "../project-command.js";

export const migrateCommand: Command = {
  usage: "migrate [app [migration | zero]] [--plan] [--fake] [--fake-initial] [--config FILE]",
  summary: "Apply (or unapply, down to a target) the migrations, in dependency order across apps;\ntables of apps without migrations are created.",
  async run(args) {
    const line = commandLine(args, ["plan", "fake", "fake-initial"]);
    return runOnProject(line, async (project) => {
      const graph = await loadGraph(project);
      const [app, name] = line.positionals;
      let targets: [string, string | null][] | undefined;
      if (app !== undefined) {
        if (!project.folders.has(app)) throw new CommandError(`No installed app with label '${app}'.`);
        if (!migratedLabels(project).has(app)) throw new CommandError(`App '${app}' does not have migrations.`);
        if (name === undefined) {
          const leaves = graph.leafNodes(app);
          targets = leaves.length ? [[app, graph.get(leaves[0]!).name]] : [];
        } else targets = [[app, name === "zero" ? null : migrationByPrefix(graph, app, name)]];
      }
      await migrate(project, graph, {
        targets,
        fake: line.flags.has("fake"),
        fakeInitial: line.flags.has("fake-initial"),
        planOnly: line.flags.has("plan"),
      }, (text) => console.log(text));
      return 0;
    });
  },
};
