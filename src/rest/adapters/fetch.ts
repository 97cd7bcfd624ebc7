import type { RestApp } from "../app/rest-app.js";
import { FetchSource } from "./fetch-source.js";

/**
 * Serves a WHATWG `Request`: `handler.fetch` for Hono (`app.all("*", (c) =>
 * handler.fetch(c.req.raw))`), Bun (`Bun.serve({ fetch: handler.fetch })`) and Deno
 * (`Deno.serve(handler.fetch)`). The second argument, when the runtime passes one, is only used
 * to learn the client address (Deno's `info.remoteAddr`, Bun's `server.requestIP`).
 *
 * Mounted under a path that the server strips before calling the handler (Hono's
 * `app.mount("/api", handler.fetch)`), the handler cannot see that path: give it as
 * `restifyApp(prefix, { basePath: "/api" })` so that links include it.
 */
export async function serveFetch(app: RestApp, request: Request, runtime?: unknown): Promise<Response> {
  const source = new FetchSource(request, clientAddress(request, runtime), app.basePath);
  const response = await app.handle(app.request(source));
  const body = request.method === "HEAD" ? null : (response.content as string | Uint8Array<ArrayBuffer> | null);
  const headers = new Headers(response.headers);
  for (const cookie of response.cookies) headers.append("set-cookie", cookie);
  return new Response(body, { status: response.status, headers });
}

function clientAddress(request: Request, runtime: unknown): string | undefined {
  if (!runtime || typeof runtime !== "object") return undefined;
  const deno = (runtime as { remoteAddr?: { hostname?: string } }).remoteAddr;
  if (deno?.hostname) return deno.hostname;
  const bun = runtime as { requestIP?: (r: Request) => { address?: string } | null };
  if (typeof bun.requestIP === "function") return bun.requestIP(request)?.address;
  return undefined;
}
