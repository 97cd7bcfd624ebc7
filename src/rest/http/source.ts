/**
 * Where a request comes from: the seam between the server-agnostic core and each adapter
 * (node:http, Fetch, the in-process test client). Implementations are thin and lazy: the core
 * only asks for what it needs, so a GET never touches the body.
 */
export interface RequestSource {
  /** Upper-case method. */
  readonly method: string;
  /** Path and query relative to where the handler is mounted, e.g. `/rest/v1/x/?a=1`. */
  readonly url: string;
  /** The mount path the adapter stripped ("" at the site root, "/api" under Express). */
  readonly basePath: string;
  /** `http` or `https`. */
  readonly scheme: string;
  readonly remoteAddress: string | undefined;
  /** A header by lower-case name; repeated headers joined with ", ". */
  header(name: string): string | undefined;
  /** Whether a body follows the headers (it may still turn out empty). */
  readonly hasBody: boolean;
  /** Reads the whole body; rejects with `RequestTooLarge` past `limit` bytes. */
  readBody(limit: number): Promise<Uint8Array>;
  /**
   * A body some middleware already parsed (Express `express.json()`): used as the request data
   * as is, since the stream is gone.
   */
  readonly preParsed?: { readonly data: unknown };
}

/** HTTP/1.1 framing: a positive Content-Length, or chunked encoding. */
export function headersAnnounceBody(header: (name: string) => string | undefined): boolean {
  const length = header("content-length");
  if (length !== undefined) return Number(length) > 0;
  return header("transfer-encoding") !== undefined;
}
