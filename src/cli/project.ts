import { closeDatabases, configureDatabases, createTables } from "../index.js";
import { loadConfig, type TorestConfig } from "./config.js";
import { loadDemoConfig } from "./demo/load.js";

/**
 * Opens a project for a management command: its config (the demo without `--config`), its
 * database, and its apps' tables and post-migrate steps (until `migrate` is merged, the auth
 * tables are created here, as serve does).
 */
export async function openProject(configPath: string | undefined): Promise<{ config: TorestConfig; close: () => Promise<void> }> {
  const config = configPath ? await loadConfig(configPath) : await loadDemoConfig();
  if (config.database) configureDatabases({ default: config.database });
  const apps = config.apps ?? [];
  await createTables(apps.flatMap((app) => app.models));
  for (const app of apps) await app.postMigrate?.({ using: "default" });
  return { config, close: () => closeDatabases() };
}
