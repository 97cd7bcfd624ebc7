/**
 * What a view returns, like DRF's `Response`: a status, headers and JSON-serialisable `data`
 * that a renderer turns into `content`. Set `content` yourself (with a content-type header) to
 * send raw bytes.
 *
 * ```ts
 * return new RestResponse({ id: 1 }, 201, { location: "/rest/v1/polls/question/1/" });
 * ```
 *
 * Header names are lower-case.
 */
export class RestResponse {
  /** Rendered body; null means no body (204, or `data` undefined). */
  content: string | Uint8Array | null = null;
  /** True once a renderer has filled `content` (or the view set it). */
  rendered = false;
  /** `Set-Cookie` values, one header each (a header map cannot hold several). */
  cookies: string[] = [];

  constructor(
    public data: unknown = undefined,
    public status = 200,
    public headers: Record<string, string> = {},
  ) {}

  /** Sends raw content as is, e.g. `RestResponse.raw("ok", "text/plain")`. */
  static raw(content: string | Uint8Array, contentType: string, status = 200): RestResponse {
    const response = new RestResponse(undefined, status, { "content-type": contentType });
    response.content = content;
    response.rendered = true;
    return response;
  }
}

/** The security headers Django's SecurityMiddleware and XFrameOptionsMiddleware send. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
});
