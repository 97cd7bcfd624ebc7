import type { Command } from "../command.js";
import { isClusterPrimary, runPrimary, workerCount } from "../cluster.js";
import { serve } from "../serve.js";

export const serveCommand: Command = {
  usage: "serve [--host 127.0.0.1] [--port 8000] [--config torest.config.ts] [--quiet] [--workers [N]]",
  summary: "Serve the REST API of a project's models (the demo without --config),\ncreating missing tables, logging each request (not with --quiet);\n--workers N runs N processes on the port (alone: one per core).",
  async run({ options }) {
    const port = options.port === undefined ? 8000 : Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`torest: --port must be a number from 0 to 65535, got ${String(options.port)}.`);
      return 2;
    }
    let workers: number | null;
    try {
      workers = workerCount(options.workers);
    } catch (error) {
      console.error(`torest: ${(error as Error).message}`);
      return 2;
    }
    if (workers !== null && isClusterPrimary()) {
      console.log(`torest: starting ${workers} worker processes`);
      return runPrimary(workers, (line) => console.log(line));
    }
    const running = await serve({
      host: typeof options.host === "string" ? options.host : undefined,
      port,
      config: typeof options.config === "string" ? options.config : undefined,
      quiet: options.quiet === true,
    });
    const stop = () => void running.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return 0;
  },
};
