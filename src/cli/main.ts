import { parseArgs } from "./args.js";
import { serve } from "./serve.js";

const USAGE = `Usage: torest <command> [options]

Commands:
  serve [--host 127.0.0.1] [--port 8000] [--config torest.config.ts] [--quiet]
        Serve the REST API of a project's models (the demo without --config),
        creating missing tables, logging each request (not with --quiet).
  help  Show this message.`;

/** The `torest` command; returns the exit code (serve keeps running until SIGINT/SIGTERM). */
export async function main(argv: readonly string[]): Promise<number> {
  const { command, options } = parseArgs(argv);
  if (command === undefined || command === "help" || options.help) {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command !== "serve") {
    console.error(`torest: unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
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
  });
  const stop = () => void running.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return 0;
}
