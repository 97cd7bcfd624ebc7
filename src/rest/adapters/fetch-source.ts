import { RequestTooLarge } from "../errors/exceptions.js";
import { ClientDisconnected } from "../http/client-disconnected.js";
import type { RequestSource } from "../http/source.js";

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

  get hasBody(): boolean {
    return this.request.body !== null;
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
