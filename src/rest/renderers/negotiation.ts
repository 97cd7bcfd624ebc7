import Negotiator from "negotiator";
import { NotAcceptable, NotFound } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import type { Renderer } from "./renderer.js";

/** DRF's `URL_FORMAT_OVERRIDE`: `?format=json` picks a renderer by its short name. */
export const FORMAT_QUERY_PARAM = "format";

/**
 * Content negotiation (DRF's `DefaultContentNegotiation.select_renderer`):
 * - `?format=api` keeps only the renderers of that format; an unknown format is a 404, as in DRF;
 * - otherwise the Accept header (parsed by `negotiator`: quality, then specificity, then our
 *   order) picks the renderer; no Accept header or `*\/*` picks the first one;
 * - nothing acceptable is a 406.
 */
export function selectRenderer(renderers: readonly Renderer[], request: RestRequest): Renderer {
  let candidates = renderers;
  const format = request.rawQuery === "" ? null : request.query.get(FORMAT_QUERY_PARAM);
  if (format) {
    candidates = renderers.filter((r) => r.format === format);
    if (candidates.length === 0) throw new NotFound();
  }
  const first = candidates[0];
  if (!first) throw new Error("A view needs at least one renderer.");
  const accept = request.header("accept");
  if (accept === undefined || accept.trim() === "" || accept === "*/*") return first;
  // The usual API client names one media type exactly: no parsing needed.
  const exact = candidates.find((r) => r.mediaType === accept);
  if (exact) return exact;
  const available = [...new Set(candidates.map((r) => r.mediaType))];
  // Media-type parameters other than q do not take part in the match, as in DRF's
  // media_type_matches (`application/json; version=2.0` is for AcceptHeaderVersioning).
  const ranges = accept.split(",").map((range) => {
    const [type, ...params] = range.split(";");
    const q = params.find((p) => p.trim().startsWith("q="));
    return q === undefined ? type : `${type};${q}`;
  });
  const preferred = new Negotiator({ headers: { accept: ranges.join(",") } }).mediaTypes(available)[0];
  if (preferred === undefined) {
    // DRF: a format override wins over an Accept header that does not list it.
    if (format) return first;
    throw new NotAcceptable();
  }
  return candidates.find((r) => r.mediaType === preferred) ?? first;
}
