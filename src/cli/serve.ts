import http from "node:http";
import type { AddressInfo } from "node:net";
import { closeDatabases, configureDatabases, createTables } from "../index.js";
import { restifyApp } from "../rest/index.js";
import { collectModels, loadConfig, modelOf, type TorestConfig } from "./config.js";
import { demoConfig } from "./demo/config.js";
import { withRequestLog } from "./request-log.js";

export interface ServeOptions {
  host?: string;
  port?: number;
  /** Path of a torest.config.ts; the demo without one. */
  config?: string;
  log?: (line: string) => void;
  /** Skip the per-request log lines (benchmarks). */
  quiet?: boolean;
}

/** A running server: its URL and how to stop it. */
export interface RunningServer {
  readonly url: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

/**
 * `torest serve`: opens the database, creates missing tables, mounts `restifyApp` on node:http
 * and logs each request.
 */
export async function serve(options: ServeOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const config: TorestConfig = options.config ? await loadConfig(options.config) : await demoConfig();
  if (config.database) configureDatabases({ default: config.database });
  const served = collectModels(config.models);
  // Apps' models (torest/auth) get tables too, and their post-migrate step (permissions).
  const appModels = (config.apps ?? []).flatMap((app) => app.models);
  const created = await createTables([...served.map(modelOf), ...appModels]);
  if (created.length) log(`torest: created tables ${created.join(", ")}`);
  for (const app of config.apps ?? []) await app.postMigrate?.({ using: "default" });
  const handler = restifyApp(config.prefix ?? "rest/v1", { ...config.app, models: served, only: true });
  const server = http.createServer(options.quiet ? handler : withRequestLog(handler, log));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8000, options.host ?? "127.0.0.1", resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log(`torest: serving ${served.length} models${options.config ? ` from ${options.config}` : " (demo)"} at ${url}/`);
  return {
    url,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDatabases();
    },
  };
}
