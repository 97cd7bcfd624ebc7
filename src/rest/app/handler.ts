import type { IncomingMessage, ServerResponse } from "node:http";
import { registerFastify, isFastify, type FastifyLike } from "../adapters/fastify.js";
import { serveFetch } from "../adapters/fetch.js";
import { serveNode, type NextFunction } from "../adapters/node.js";
import { RestApp, type RestAppOptions } from "./rest-app.js";

/**
 * One object for every server:
 *
 * ```ts
 * http.createServer(handler);               // node:http listener
 * expressApp.use(handler);                  // Express/Connect middleware
 * await fastify.register(handler);          // Fastify plugin
 * handler.fetch(request);                   // Fetch API: Hono, Bun, Deno
 * ```
 */
export interface RestHandler {
  (req: IncomingMessage, res: ServerResponse, next?: NextFunction): void;
  (fastify: FastifyLike, options: unknown, done: (error?: Error) => void): void;
  /** Serves a WHATWG Request. */
  fetch(request: Request, runtime?: unknown): Promise<Response>;
  /** The core the adapters share (routing, settings, `handle`). */
  readonly app: RestApp;
  /** The path of a named route, e.g. `handler.reverse("polls_question-detail", { pk: 1 })`. */
  reverse(name: string, params?: Record<string, string | number>): string;
}

export function createHandler(options: RestAppOptions): RestHandler {
  const app = new RestApp(options);
  function torest(first: IncomingMessage | FastifyLike, second: unknown, third?: unknown): void {
    if (isFastify(first)) {
      registerFastify(app, first, third as (error?: Error) => void);
      return;
    }
    serveNode(app, first, second as ServerResponse, { next: third as NextFunction | undefined });
  }
  // Fastify shows this name in its plugin tree.
  Object.defineProperty(torest, Symbol.for("fastify.display-name"), { value: "torest" });
  return Object.assign(torest as RestHandler, {
    app,
    fetch: (request: Request, runtime?: unknown) => serveFetch(app, request, runtime),
    reverse: (name: string, params?: Record<string, string | number>) => app.reverse(name, params),
  });
}
