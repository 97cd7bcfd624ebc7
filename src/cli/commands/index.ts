import type { Command } from "../command.js";

/**
 * The `torest` subcommands, loaded on demand so that `torest --help` or `torest migrate` never
 * loads what another command needs. Add a command: one file in this folder, one line here.
 */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  serve: async () => (await import("./serve.js")).serveCommand,
  createsuperuser: async () => (await import("./createsuperuser.js")).createsuperuserCommand,
  changepassword: async () => (await import("./changepassword.js")).changepasswordCommand,
  drf_create_token: async () => (await import("./drf-create-token.js")).drfCreateTokenCommand,
};
