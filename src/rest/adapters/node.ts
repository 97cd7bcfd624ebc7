import type { IncomingMessage, ServerResponse } from "node:http";
import type { RestApp } from "../app/rest-app.js";
import type { RestResponse } from "../http/response.js";
import { NodeSource } from "./node-source.js";

export type NextFunction = (error?: unknown) => void;

export interface NodeCallOptions {
  /** Path and query relative to the mount point; `req.url` by default. */
  readonly url?: string;
  /** The mount path (Express's `req.baseUrl`, Fastify's prefix). */
  readonly basePath?: string;
  /** Present under Express/Connect: requests the app does not own are passed on. */
  readonly next?: NextFunction;
}

/**
 * The fast path: serves a node:http request without building a WHATWG Request. Used as is by
 * `http.createServer(handler)`, by Express/Connect (with `next`) and by the Fastify plugin.
 */
export function serveNode(app: RestApp, req: IncomingMessage, res: ServerResponse, options: NodeCallOptions = {}): void {
  const url = options.url ?? req.url ?? "/";
  if (options.next && !app.owns(pathOf(url))) {
    options.next();
    return;
  }
  const basePath = options.basePath ?? (req as { baseUrl?: string }).baseUrl ?? app.basePath;
  app
    .handle(app.request(new NodeSource(req, url, basePath)))
    .then((response) => writeNodeResponse(res, response, req.method === "HEAD"))
    .catch((error: unknown) => {
      app.settings.logger.error("torest: could not write the response", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end();
    });
}

/** Writes a rendered response; HEAD gets the headers GET would (Content-Length included). */
function writeNodeResponse(res: ServerResponse, response: RestResponse, head: boolean): void {
  const { headers, content, status } = response;
  if (content !== null) {
    headers["content-length"] = String(typeof content === "string" ? Buffer.byteLength(content) : content.byteLength);
  }
  // The rest of an oversized body was never read: close rather than drain it.
  if (status === 413) headers.connection = "close";
  res.writeHead(status, response.cookies.length > 0 ? { ...headers, "set-cookie": response.cookies } : headers);
  if (head || content === null) res.end();
  else res.end(content);
}

function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}
