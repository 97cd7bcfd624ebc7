import type { Command } from "../command.js";

/**
 * The `torest` subcommands, loaded on demand so that `torest --help` or `torest migrate` never
 * loads what another command needs. Add a command: one file in this folder, one line here.
 */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  serve: async () => (await import("./serve.js")).serveCommand,
  "generate-client": async () => (await import("./generate-client.js")).generateClientCommand,
};
