import { createHash } from "node:crypto";
import type { RestRequest } from "../http/request.js";
import type { RestResponse } from "../http/response.js";

/**
 * Conditional requests (RFC 9110 §13), which no Django/DRF peer offers on API views:
 * `ETag` on GET (detail and list) and on PUT/PATCH answers, `If-None-Match` → 304, and
 * `If-Match` on PUT/PATCH/DELETE → 412 when the object changed since (lost-update protection).
 *
 * The tag is strong: a digest of the rendered bytes and their media type, so a JSON and an
 * HTML rendering of the same object have different tags, and `If-Match` compares the tag of
 * the current object rendered the way the client would receive it.
 */
export function entityTag(content: string | Uint8Array, mediaType: string): string {
  const hash = createHash("sha256").update(mediaType).update("\n").update(content);
  return `"${hash.digest("base64url").slice(0, 32)}"`;
}

/** The tags of an If-Match / If-None-Match header; `*` as itself. */
function tagsOf(header: string): string[] {
  return header.split(",").map((t) => t.trim()).filter(Boolean);
}

/** If-None-Match uses the weak comparison: `W/"x"` matches `"x"`. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = tagsOf(header);
  return tags.includes("*") || tags.some((t) => t.replace(/^W\//, "") === etag);
}

/** If-Match uses the strong comparison: weak tags never match. */
export function ifMatchHolds(header: string, etag: string): boolean {
  const tags = tagsOf(header);
  return tags.includes("*") || tags.includes(etag);
}

const TAGGED = new Set(["GET", "HEAD", "PUT", "PATCH"]);

/**
 * Adds the ETag to a rendered 200 answer of GET/HEAD/PUT/PATCH and turns a GET/HEAD whose
 * If-None-Match names it into 304 Not Modified (headers kept, no body), as Django's
 * ConditionalGetMiddleware does for whole sites.
 */
export function applyEntityTag(request: RestRequest, response: RestResponse): RestResponse {
  const content = response.content;
  if (response.status !== 200 || content === null || !TAGGED.has(request.method) || response.headers.etag) return response;
  const etag = entityTag(content, response.headers["content-type"] ?? "");
  response.headers.etag = etag;
  if ((request.method === "GET" || request.method === "HEAD") && noneMatch(request.header("if-none-match"), etag)) {
    response.status = 304;
    response.content = null;
    delete response.headers["content-type"];
  }
  return response;
}
