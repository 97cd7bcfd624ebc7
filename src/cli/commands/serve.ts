import { ImproperlyConfigured } from "../../index.js";
import type { Command } from "../command.js";
import { isClusterPrimary, runPrimary, workerCount } from "../cluster.js";
import { serve } from "../serve.js";

export const serveCommand: Command = {
  usage: "serve [--host 127.0.0.1] [--port 8000] [--config torest.config.ts] [--migrate] [--graceful-timeout 30] [--quiet] [--workers [N]]",
  summary:
    "Serve the REST API of a project's models (the demo without --config), logging each request\n" +
    "(not with --quiet). Unapplied migrations are listed (applied with --migrate; the demo migrates itself).\n" +
    "On SIGTERM/SIGINT, requests in flight get --graceful-timeout seconds to finish.\n" +
    "--workers N runs N processes on the port (node:cluster; --workers alone: one per core).",
  async run({ options }) {
    const port = options.port === undefined ? 8000 : Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`torest: --port must be a number from 0 to 65535, got ${String(options.port)}.`);
      return 2;
    }
    const grace = options["graceful-timeout"] === undefined ? undefined : Number(options["graceful-timeout"]);
    if (grace !== undefined && !(grace >= 0)) {
      console.error(`torest: --graceful-timeout must be a number of seconds, got ${String(options["graceful-timeout"])}.`);
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
    let running;
    try {
      running = await serve({
        host: typeof options.host === "string" ? options.host : undefined,
        port,
        config: typeof options.config === "string" ? options.config : undefined,
        quiet: options.quiet === true,
        gracefulTimeout: grace,
        migrate: options.migrate === true,
      });
    } catch (error) {
      // Configuration mistakes (a missing file, a bad URL, a driver to install) read best alone.
      if (error instanceof ImproperlyConfigured) console.error(`torest: ${error.message}`);
      else console.error("torest: could not start the server:", error);
      return 1;
    }
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      // A second signal while draining: stop now, as gunicorn does on a second SIGINT.
      if (stopping) process.exit(1);
      stopping = true;
      console.log(`torest: ${signal}, shutting down (${running.inFlight} requests in flight)`);
      running.close().then(
        () => {
          console.log("torest: stopped");
          process.exit(0);
        },
        (error: unknown) => {
          console.error("torest: error while shutting down", error);
          process.exit(1);
        },
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    return 0;
  },
};
