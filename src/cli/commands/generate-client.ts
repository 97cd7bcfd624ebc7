import { writeFile } from "node:fs/promises";
import { demoConfig } from "../demo/config.js";
import { collectModels, loadConfig, type TorestConfig } from "../config.js";
import { openApiSchema, restifyApp } from "../../rest/index.js";
import { appVersion } from "../../rest/openapi/app-version.js";
import { typescriptClient } from "../../rest/openapi/typescript-client.js";
import type { Command } from "../command.js";

/**
 * `torest generate-client`: writes a typed, fetch-based TypeScript client for the models a config
 * serves (the demo without --config), from the same OpenAPI document the server publishes.
 * Needs no database.
 */
export const generateClientCommand: Command = {
  usage: "generate-client [--config torest.config.ts] [--out torest-client.ts]",
  summary: "Write a typed TypeScript client (fetch, no runtime dependency) for the served models:\nlist/create/retrieve/update/partialUpdate/destroy per model, nested routes, typed filters.",
  async run({ options }) {
    const configFile = typeof options.config === "string" ? options.config : undefined;
    const out = typeof options.out === "string" ? options.out : "torest-client.ts";
    const config: TorestConfig = configFile ? await loadConfig(configFile) : await demoConfig();
    const handler = restifyApp(config.prefix ?? "rest/v1", { ...config.app, models: collectModels(config.models), only: true });
    const info = { ...config.app?.info, version: config.app?.info?.version ?? appVersion() };
    await writeFile(out, typescriptClient(openApiSchema(handler, info)));
    console.log(`torest: wrote ${out}`);
    return 0;
  },
};
