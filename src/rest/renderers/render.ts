import type { RestResponse } from "../http/response.js";
import type { Renderer, RendererContext } from "./renderer.js";

/**
 * Fills `response.content` once: no body for 204/304 or undefined data, else the renderer's
 * output with its media type as Content-Type (unless the view chose one). Async only when the
 * renderer is (the browsable API).
 */
export function renderResponse(
  response: RestResponse,
  renderer: Renderer,
  context?: Omit<RendererContext, "response">,
): RestResponse | Promise<RestResponse> {
  if (response.rendered) return response;
  response.rendered = true;
  // The browsable API shows a page for empty answers too (a 204 after DELETE).
  const emptyBody = response.data === undefined || response.status === 204 || response.status === 304;
  if (emptyBody && (renderer.mediaType !== "text/html" || response.status === 304 || !context)) {
    response.content = null;
    return response;
  }
  const output = renderer.render(response.data, context && { ...context, response });
  const contentType = renderer.charset ? `${renderer.mediaType}; charset=${renderer.charset}` : renderer.mediaType;
  if (output instanceof Promise) {
    return output.then((content) => {
      response.content = content;
      response.headers["content-type"] ??= contentType;
      return response;
    });
  }
  response.content = output;
  response.headers["content-type"] ??= contentType;
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
