import type { ParsedArgs } from "./args.js";

/**
 * One `torest` subcommand. Each lives in its own file under `commands/` and is listed in
 * `commands/index.ts`; `main` loads only the one that runs.
 */
export interface Command {
  /** One line for `torest help`: `serve [--port 8000] ...`. */
  readonly usage: string;
  /** What it does, indented under the usage line. */
  readonly summary: string;
  /** Runs the command; resolves to the process exit code (a long-running command may keep the process alive). */
  run(args: ParsedArgs): Promise<number>;
}
