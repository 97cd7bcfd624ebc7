import { NotAcceptable } from "../errors/exceptions.js";
import { mediaRangeMatches, parseAccept } from "../http/media-type.js";

/** Turns response data into bytes of one media type (DRF's `BaseRenderer`). */
export interface Renderer {
  /** Sent as the Content-Type. */
  readonly mediaType: string;
  /** Short name, as in `?format=json`. */
  readonly format: string;
  render(data: unknown): string | Uint8Array;
}

/**
 * Content negotiation (DRF's `DefaultContentNegotiation`, reduced): the first renderer the
 * Accept header allows, trying media ranges best quality first; 406 when none fits.
 */
export function selectRenderer(renderers: readonly Renderer[], accept: string | undefined): Renderer {
  const first = renderers[0];
  if (!first) throw new Error("A view needs at least one renderer.");
  if (accept === undefined || accept === "*/*") return first;
  for (const range of parseAccept(accept)) {
    for (const renderer of renderers) {
      if (mediaRangeMatches(range.essence, renderer.mediaType)) return renderer;
    }
  }
  throw new NotAcceptable();
}
