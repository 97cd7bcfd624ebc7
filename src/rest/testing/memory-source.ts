import { RequestTooLarge } from "../errors/exceptions.js";
import type { RequestSource } from "../http/source.js";

/** A request held in memory: what the test client sends through the handler, no socket. */
export class MemorySource implements RequestSource {
  readonly basePath = "";
  readonly remoteAddress = "127.0.0.1";
  readonly #headers: Record<string, string>;

  constructor(
    readonly method: string,
    readonly url: string,
    readonly scheme: string,
    headers: Record<string, string>,
    readonly body: Uint8Array | null,
  ) {
    this.#headers = {};
    for (const [name, value] of Object.entries(headers)) this.#headers[name.toLowerCase()] = value;
    if (body && this.#headers["content-length"] === undefined) this.#headers["content-length"] = String(body.byteLength);
  }

  get hasBody(): boolean {
    return this.body !== null && this.body.byteLength > 0;
  }

  header(name: string): string | undefined {
    return this.#headers[name];
  }

  async readBody(limit: number): Promise<Uint8Array> {
    const body = this.body ?? new Uint8Array(0);
    if (body.byteLength > limit) throw new RequestTooLarge(limit);
    return body;
  }
}
