import type { RestResponse } from "../http/response.js";
import type { Renderer } from "./renderer.js";

/**
 * Fills `response.content` once: no body for 204/304 or undefined data, else the renderer's
 * output with its media type as Content-Type (unless the view chose one).
 */
export function renderResponse(response: RestResponse, renderer: Renderer): RestResponse {
  if (response.rendered) return response;
  response.rendered = true;
  if (response.data === undefined || response.status === 204 || response.status === 304) {
    response.content = null;
    return response;
  }
  response.content = renderer.render(response.data);
  response.headers["content-type"] ??= renderer.mediaType;
  return response;
}

/** Adds tokens to a Vary header without repeating any (Django's `patch_vary_headers`). */
export function patchVary(headers: Record<string, string>, tokens: readonly string[]): void {
  // The usual case, once per response: no Vary yet.
  if (!headers.vary) {
    headers.vary = tokens.join(", ");
    return;
  }
  const current = headers.vary ? headers.vary.split(",").map((t) => t.trim()).filter(Boolean) : [];
  const seen = new Set(current.map((t) => t.toLowerCase()));
  for (const token of tokens) if (!seen.has(token.toLowerCase())) current.push(token);
  headers.vary = current.join(", ");
}
