import { RequestTooLarge } from "../errors/exceptions.js";
import { ClientDisconnected } from "../http/client-disconnected.js";
import { headersAnnounceBody, type RequestSource } from "../http/source.js";

/** A WHATWG `Request` (Hono, Bun, Deno, edge runtimes) as a `RequestSource`. */
export class FetchSource implements RequestSource {
  readonly method: string;
  readonly url: string;
  readonly scheme: string;
  readonly #host: string;

  constructor(
    readonly request: Request,
    readonly remoteAddress: string | undefined,
    readonly basePath = "",
  ) {
    const url = new URL(request.url);
    this.method = request.method.toUpperCase();
    this.url = url.pathname + url.search;
    this.scheme = url.protocol.slice(0, -1);
    this.#host = url.host;
  }

  /**
   * Servers that build a `Request` from an HTTP/1.1 message (Hono's node-server) give every
   * PATCH/DELETE a body stream, even an empty one; the framing headers say whether one was sent.
   * A `Request` made in process (`new Request(url, { body })`) has no framing headers: then a
   * body counts when it has a media type, as in DRF, where content without a Content-Type is
   * read as no data at all.
   */
  get hasBody(): boolean {
    if (this.request.body === null) return false;
    const header = (name: string) => this.request.headers.get(name) ?? undefined;
    if (header("content-length") !== undefined || header("transfer-encoding") !== undefined) return headersAnnounceBody(header);
    return header("content-type") !== undefined;
  }

  header(name: string): string | undefined {
    const value = this.request.headers.get(name);
    if (value !== null) return value;
    return name === "host" ? this.#host : undefined;
  }

  async readBody(limit: number): Promise<Uint8Array> {
    if (Number(this.request.headers.get("content-length")) > limit) throw new RequestTooLarge(limit);
    const body = this.request.body;
    if (!body) return new Uint8Array(0);
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // The stream of a client that went away errors: not a server error.
        throw new ClientDisconnected({ cause: error });
      }
      const { done, value } = chunk;
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw new RequestTooLarge(limit);
      }
      chunks.push(value);
    }
    return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, size);
  }
}
