import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { RequestTooLarge } from "../errors/exceptions.js";
import { ClientDisconnected } from "../http/client-disconnected.js";
import { headersAnnounceBody, type RequestSource } from "../http/source.js";

/** A node:http request as a `RequestSource`: reads headers in place, the body on demand. */
export class NodeSource implements RequestSource {
  readonly method: string;

  constructor(
    readonly req: IncomingMessage,
    readonly url: string,
    readonly basePath: string,
  ) {
    this.method = req.method ?? "GET";
  }

  get scheme(): string {
    return (this.req.socket as TLSSocket).encrypted ? "https" : "http";
  }

  get remoteAddress(): string | undefined {
    return this.req.socket.remoteAddress;
  }

  get hasBody(): boolean {
    return headersAnnounceBody((name) => this.header(name));
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  }

  /** Express body parsers (`express.json()`) consume the stream and leave `req.body`. */
  get preParsed(): { data: unknown } | undefined {
    const req = this.req as IncomingMessage & { body?: unknown };
    return req.readableEnded && req.body !== undefined ? { data: req.body } : undefined;
  }

  readBody(limit: number): Promise<Uint8Array> {
    return readNodeBody(this.req, limit);
  }
}

/** Collects a request body, failing fast on Content-Length and while streaming past `limit`. */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  if (Number(req.headers["content-length"]) > limit) return Promise.reject(new RequestTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(new RequestTooLarge(limit));
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    // A client that goes away mid-body ("aborted", ECONNRESET) is not a server error.
    const onError = (error: Error) => {
      cleanup();
      reject(new ClientDisconnected({ cause: error }));
    };
    // Without an error (destroyed stream): the body will never end, so do not wait for it.
    const onClose = () => {
      cleanup();
      reject(new ClientDisconnected());
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
