import type { Command } from "../command.js";
import { serve } from "../serve.js";

export const serveCommand: Command = {
  usage: "serve [--host 127.0.0.1] [--port 8000] [--config torest.config.ts] [--quiet] [--migrate]",
  summary: "Serve the REST API of a project's models (the demo without --config), logging each request\n(not with --quiet). Unapplied migrations are listed (applied with --migrate; the demo migrates itself).",
  async run({ options }) {
    const port = options.port === undefined ? 8000 : Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`torest: --port must be a number from 0 to 65535, got ${String(options.port)}.`);
      return 2;
    }
    const running = await serve({
      host: typeof options.host === "string" ? options.host : undefined,
      port,
      config: typeof options.config === "string" ? options.config : undefined,
      quiet: options.quiet === true,
      migrate: options.migrate === true,
    });
    const stop = () => void running.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return 0;
  },
};
