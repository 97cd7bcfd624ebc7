import type { TorestConfig } from "../config.js";

/**
 * The demo's config, imported only when the demo runs: its models are registered the moment
 * they are declared, and would clash with a project's own models of the same app and name
 * (a project's `one_to_one.Place`, say) if every `torest` command loaded them.
 */
export async function loadDemoConfig(): Promise<TorestConfig> {
  return (await import("./config.js")).demoConfig();
}
