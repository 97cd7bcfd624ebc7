import type { Command } from "../command.js";

/**
 * The `torest` subcommands, loaded on demand so that `torest --help` or `torest migrate` never
 * loads what another command needs. Add a command: one file in this folder, one line here.
 */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  serve: async () => (await import("./serve.js")).serveCommand,
  makemigrations: async () => (await import("./makemigrations.js")).makemigrationsCommand,
  migrate: async () => (await import("./migrate.js")).migrateCommand,
  showmigrations: async () => (await import("./showmigrations.js")).showmigrationsCommand,
  sqlmigrate: async () => (await import("./sqlmigrate.js")).sqlmigrateCommand,
  inspectdb: async () => (await import("./inspectdb.js")).inspectdbCommand,
  createsuperuser: async () => (await import("./createsuperuser.js")).createsuperuserCommand,
  changepassword: async () => (await import("./changepassword.js")).changepasswordCommand,
  drf_create_token: async () => (await import("./drf-create-token.js")).drfCreateTokenCommand,
  "generate-client": async () => (await import("./generate-client.js")).generateClientCommand,
};
