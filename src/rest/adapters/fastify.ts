import type { IncomingMessage, ServerResponse } from "node:http";
import type { RestApp } from "../app/rest-app.js";
import { HTTP_METHODS } from "../views/view-handler.js";
import { serveNode } from "./node.js";

/** The part of a Fastify instance the plugin uses (keeps fastify out of our dependencies). */
export interface FastifyLike {
  readonly prefix: string;
  route(options: {
    method: string[];
    url: string;
    exposeHeadRoute?: boolean;
    handler: (request: { raw: IncomingMessage }, reply: { raw: ServerResponse; hijack(): void }) => void;
  }): unknown;
  removeAllContentTypeParsers(): unknown;
  addContentTypeParser(
    contentType: string,
    parser: (request: unknown, payload: unknown, done: (error: Error | null, body?: unknown) => void) => void,
  ): unknown;
}

const METHODS = [...HTTP_METHODS];

/** Is this the first argument of a Fastify plugin call (rather than an IncomingMessage)? */
export function isFastify(value: unknown): value is FastifyLike {
  return typeof (value as FastifyLike | null)?.addContentTypeParser === "function";
}

/**
 * Registers the app in a Fastify scope: `fastify.register(handler)`, optionally with
 * `{ prefix: "/api" }`. Fastify's own body parsing is switched off in that (encapsulated) scope so
 * torest reads the body itself with its parsers and limits; the reply is hijacked and written
 * by the node:http fast path.
 */
export function registerFastify(app: RestApp, fastify: FastifyLike, done: (error?: Error) => void): void {
  const mount = fastify.prefix;
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser("*", (_request, _payload, parsed) => parsed(null));
  const handler = (request: { raw: IncomingMessage }, reply: { raw: ServerResponse; hijack(): void }) => {
    reply.hijack();
    const url = (request.raw.url ?? "/").slice(mount.length) || "/";
    serveNode(app, request.raw, reply.raw, { url: url.startsWith("/") ? url : `/${url}`, basePath: mount });
  };
  const urls = app.prefix === "" ? ["/", "/*"] : [app.prefix, `${app.prefix}/*`];
  // The root view (DRF's API root) lives outside the prefix; claim "/" only when it exists.
  if (app.prefix !== "" && app.router.match("/")) urls.unshift("/");
  for (const url of urls) fastify.route({ method: METHODS, url, exposeHeadRoute: false, handler });
  done();
}
