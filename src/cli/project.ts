import { closeDatabases } from "../index.js";
import { loadConfig, type TorestConfig } from "./config.js";
import { loadDemoConfig } from "./demo/load.js";
import { prepareDatabase } from "./migration-check.js";

/**
 * Opens a project for a management command: its config (the demo without `--config`) and its
 * database, prepared as `serve` prepares it: the demo migrates itself; a project's apps without
 * migrations get their tables, and unapplied migrations are reported (run `torest migrate`).
 */
export async function openProject(configPath: string | undefined): Promise<{ config: TorestConfig; close: () => Promise<void> }> {
  const config = configPath ? await loadConfig(configPath) : await loadDemoConfig();
  await prepareDatabase({ configFile: configPath, config: configPath ? config : undefined, log: (line) => console.error(line) });
  return { config, close: () => closeDatabases() };
}
