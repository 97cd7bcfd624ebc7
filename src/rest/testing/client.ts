import type { RestHandler } from "../app/handler.js";
import type { RestUser } from "../authentication/user.js";
import { encodeBody, type RequestFormat } from "./encode.js";
import { MemorySource } from "./memory-source.js";

export interface ClientRequestOptions {
  /** How to encode `data` (default: the client's format, JSON unless set). */
  readonly format?: RequestFormat;
  /** Send `data` (a string or bytes) as is with this Content-Type (DRF's `content_type=`). */
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

/** What the client hands back: the response as a client would see it. */
export interface ClientResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; undefined without a JSON body. */
  readonly data: any;
  /** The raw body text ("" for none). */
  readonly text: string;
}

/**
 * An in-process client for tests (DRF's `APIClient`): drives the handler's core without a
 * socket, through the same routing, pipeline and rendering.
 *
 * ```ts
 * const client = new APIClient(handler);
 * const res = await client.post("/rest/v1/polls/question/", { question_text: "Hi?" });
 * expect(res.status).toBe(201);
 * ```
 */
export class APIClient {
  #headers: Record<string, string> = {};
  #forced: { user: RestUser; auth: unknown } | null = null;
  readonly #origin: URL;
  readonly #format: RequestFormat;

  constructor(
    readonly handler: RestHandler,
    options: { origin?: string; format?: RequestFormat } = {},
  ) {
    this.#origin = new URL(options.origin ?? "http://testserver");
    this.#format = options.format ?? "json";
  }

  /** Headers sent with every later request, e.g. `{ authorization: "Basic ..." }`; none clears. */
  credentials(headers: Record<string, string> = {}): void {
    this.#headers = { ...headers };
  }

  /** Skips authentication: every later request is made as `user` (null stops it). */
  forceAuthenticate(user: RestUser | null, auth: unknown = null): void {
    this.#forced = user ? { user, auth } : null;
  }

  /** GET with `query` as the query string. */
  get(path: string, query?: Record<string, string | number>, options?: ClientRequestOptions) {
    return this.request("GET", withQuery(path, query), undefined, options);
  }

  head(path: string, query?: Record<string, string | number>, options?: ClientRequestOptions) {
    return this.request("HEAD", withQuery(path, query), undefined, options);
  }

  options(path: string, options?: ClientRequestOptions) {
    return this.request("OPTIONS", path, undefined, options);
  }

  post(path: string, data?: unknown, options?: ClientRequestOptions) {
    return this.request("POST", path, data, options);
  }

  put(path: string, data?: unknown, options?: ClientRequestOptions) {
    return this.request("PUT", path, data, options);
  }

  patch(path: string, data?: unknown, options?: ClientRequestOptions) {
    return this.request("PATCH", path, data, options);
  }

  delete(path: string, data?: unknown, options?: ClientRequestOptions) {
    return this.request("DELETE", path, data, options);
  }

  async request(method: string, path: string, data?: unknown, options: ClientRequestOptions = {}): Promise<ClientResponse> {
    const headers: Record<string, string> = { host: this.#origin.host, ...this.#headers, ...options.headers };
    let body: Uint8Array | null = null;
    if (data !== undefined) {
      if (options.contentType !== undefined) {
        body = typeof data === "string" ? new TextEncoder().encode(data) : (data as Uint8Array);
        headers["content-type"] = options.contentType;
      } else {
        const encoded = await encodeBody(data, options.format ?? this.#format);
        body = encoded.body;
        headers["content-type"] = encoded.contentType;
      }
    }
    const scheme = this.#origin.protocol.slice(0, -1);
    const app = this.handler.app;
    const request = app.request(new MemorySource(method.toUpperCase(), path, scheme, headers, body));
    request.forcedAuth = this.#forced;
    const response = await app.handle(request);
    const content = method.toUpperCase() === "HEAD" ? null : response.content;
    const text = content === null ? "" : typeof content === "string" ? content : new TextDecoder().decode(content);
    const isJson = /^application\/(.+\+)?json\b/.test(response.headers["content-type"] ?? "");
    return { status: response.status, headers: { ...response.headers }, data: isJson && text ? JSON.parse(text) : undefined, text };
  }
}

function withQuery(path: string, query?: Record<string, string | number>): string {
  if (!query || Object.keys(query).length === 0) return path;
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return `${path}${path.includes("?") ? "&" : "?"}${params}`;
}
