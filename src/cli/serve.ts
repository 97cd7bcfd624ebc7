import http from "node:http";
import type { AddressInfo } from "node:net";
import { closeDatabases, configureDatabases } from "../index.js";
import { restifyApp, type RestHandler } from "../rest/index.js";
import { collectModels, loadConfig, type ServedModel, type TorestConfig } from "./config.js";
import { loadDemoConfig } from "./demo/load.js";
import { InFlight } from "./graceful.js";
import { prepareDatabase } from "./migration-check.js";
import { withRequestLog } from "./request-log.js";

export interface ServeOptions {
  host?: string;
  port?: number;
  /** A config file (`torest.config.ts` / `.js`) or a config object; the demo without one. */
  config?: string | TorestConfig;
  log?: (line: string) => void;
  /** Skip the per-request log lines (benchmarks). */
  quiet?: boolean;
  /** Apply unapplied migrations before listening (`serve --migrate`). */
  migrate?: boolean;
  /** Seconds `close()` waits for requests in flight (default: the config's `gracefulTimeout`, else 30). */
  gracefulTimeout?: number;
}

/** A running server: its URL and how to stop it. */
export interface RunningServer {
  readonly url: string;
  readonly server: http.Server;
  /** Requests being served right now. */
  readonly inFlight: number;
  /**
   * Graceful shutdown: stops accepting connections, lets the requests in flight finish (up to
   * the graceful timeout, then drops them), and closes the database connections.
   */
  close(): Promise<void>;
}

const DEFAULT_GRACEFUL_TIMEOUT = 30;

/**
 * `torest serve`, step by step: load the config, configure the databases, check (or apply) the
 * migrations and create the tables of apps without any, build the REST app, listen (one log line per request unless quiet), and shut down
 * gracefully on `close()`.
 */
export async function serve(options: ServeOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const config = typeof options.config === "string" ? await loadConfig(options.config) : (options.config ?? (await loadDemoConfig()));
  if (config.database) configureDatabases({ default: config.database });
  const served = collectModels(config.models);
  await prepareDatabase({
    configFile: typeof options.config === "string" ? options.config : undefined,
    // A config object given to serve(); without any config it is the demo, which migrates itself.
    config: typeof options.config === "object" ? config : undefined,
    migrate: options.migrate,
    log,
  });
  const handler = buildApp(config, served);
  const inFlight = new InFlight();
  const server = await listen(inFlight.track(options.quiet ? handler : withRequestLog(handler, log)), options);
  const url = urlOf(server);
  const source = typeof options.config === "string" ? ` from ${options.config}` : options.config ? "" : " (demo)";
  log(`torest: serving ${served.length} models${source} at ${url}/`);
  const timeout = options.gracefulTimeout ?? config.gracefulTimeout ?? DEFAULT_GRACEFUL_TIMEOUT;
  return {
    url,
    server,
    get inFlight() {
      return inFlight.count;
    },
    close: async () => {
      await inFlight.close(server, timeout * 1000);
      await closeDatabases();
    },
  };
}

function buildApp(config: TorestConfig, served: readonly ServedModel[]): RestHandler {
  return restifyApp(config.prefix ?? "rest/v1", { ...config.app, models: served, only: true });
}

async function listen(listener: http.RequestListener, options: ServeOptions): Promise<http.Server> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8000, options.host ?? "127.0.0.1", resolve);
  });
  return server;
}

function urlOf(server: http.Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
