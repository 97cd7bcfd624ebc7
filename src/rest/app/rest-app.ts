import { defaultExceptionHandler, serverError } from "../errors/handler.js";
import { NotFound } from "../errors/exceptions.js";
import { RestRequest } from "../http/request.js";
import { SECURITY_HEADERS, type RestResponse } from "../http/response.js";
import type { RequestSource } from "../http/source.js";
import { renderResponse } from "../renderers/render.js";
import { applyCors, corsPreflight } from "../cors/cors.js";
import type { Renderer } from "../renderers/renderer.js";
import { selectRenderer } from "../renderers/negotiation.js";
import { trimSlashes } from "../routing/pattern.js";
import type { Router } from "../routing/router.js";
import type { ViewHandler } from "../views/view-handler.js";
import { resolveSettings, type RestSettings } from "./settings.js";

export interface RestAppOptions {
  /** The route table. */
  readonly router: Router<ViewHandler>;
  /**
   * The URL prefix the app serves, e.g. `rest/v1`. Under Express, requests outside it (and
   * matching no route, such as the root view) are passed on with `next()`; inside it, unknown
   * URLs get a JSON 404.
   */
  readonly prefix?: string;
  readonly settings?: Partial<RestSettings>;
  /**
   * Where the app is mounted when the server strips that path before calling it (Hono's
   * `app.mount("/api", ...)`, a proxy): links then start with it. Express's `req.baseUrl` wins.
   */
  readonly basePath?: string;
}

/**
 * The server-agnostic core: turns a `RestRequest` into a rendered `RestResponse`. Adapters
 * (node:http, Express, Fastify, Fetch, the test client) only translate in and out.
 */
export class RestApp {
  readonly router: Router<ViewHandler>;
  /** Normalised prefix: "" or `/rest/v1`. */
  readonly prefix: string;
  readonly settings: RestSettings;
  /** Normalised mount path: "" or `/api`. */
  readonly basePath: string;

  constructor(options: RestAppOptions) {
    this.router = options.router;
    const base = trimSlashes(options.basePath ?? "");
    this.basePath = base === "" ? "" : `/${base}`;
    const trimmed = trimSlashes(options.prefix ?? "");
    this.prefix = trimmed === "" ? "" : `/${trimmed}`;
    this.settings = resolveSettings(options.settings);
  }

  /** Is this path the app's (inside the prefix, or a route such as the root)? */
  owns(path: string): boolean {
    const prefix = this.prefix;
    if (prefix === "" || path === prefix || path.startsWith(`${prefix}/`)) return true;
    return this.router.match(path) !== null;
  }

  request(source: RequestSource): RestRequest {
    const request = new RestRequest(source, this.settings);
    request.resolveView = (path) => this.router.match(path)?.route.view ?? null;
    return request;
  }

  /** Routes, runs the view, renders; never rejects (unexpected errors become a logged 500). */
  async handle(request: RestRequest): Promise<RestResponse> {
    let response: RestResponse;
    try {
      const match = this.router.match(request.path);
      const preflight = corsPreflight(this.settings.cors, request);
      if (preflight) {
        response = preflight;
      } else if (match) {
        request.params = match.params;
        response = await match.route.view.handle(request);
      } else {
        const error = new NotFound();
        response =
          this.settings.exceptionHandler(error, { request }) ?? defaultExceptionHandler(error, { request })!;
      }
    } catch (error) {
      response = serverError(error, this.settings.logger, `${request.method} ${request.path}`);
    }
    const headers = response.headers;
    applyCors(this.settings.cors, request, response);
    for (const name in SECURITY_HEADERS) headers[name] ??= SECURITY_HEADERS[name] as string;
    if (response.rendered) return response;
    // Answers no view rendered (an unknown URL) are negotiated too: a browser gets a page.
    let renderer = this.settings.renderers[0] as Renderer;
    try {
      renderer = selectRenderer(this.settings.renderers, request);
    } catch {
      // 406/unknown format on an error page: fall back to the first renderer, as DRF does.
    }
    return renderResponse(response, renderer, { request });
  }

  /** The path of a named route, with the prefix the app is mounted under not included. */
  reverse(name: string, params?: Record<string, string | number>): string {
    return this.router.reverse(name, params);
  }
}
