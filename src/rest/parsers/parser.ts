import type { MediaType } from "../http/media-type.js";
import { QueryDict } from "../http/query-dict.js";
import type { ParserLimits } from "./limits.js";

/** What a parser produces: DRF's `request.data` and `request.FILES`. */
export interface ParsedBody {
  readonly data: unknown;
  readonly files: QueryDict<File>;
}

/** The request's Content-Type, raw and parsed, and the app's limits on a body's structure. */
export interface ParserContext {
  readonly contentType: string;
  readonly mediaType: MediaType;
  /** The app settings' limits (Django's defaults when a parser is called on its own). */
  readonly limits?: ParserLimits;
}

/**
 * Turns a request body of one media type into data (DRF's `BaseParser`). Throw `ParseError`
 * on malformed input.
 */
export interface Parser {
  /** The `type/subtype` this parser accepts, e.g. `application/json`. */
  readonly mediaType: string;
  parse(body: Uint8Array, context: ParserContext): ParsedBody | Promise<ParsedBody>;
}

/** The first parser whose media type is the request's (`*\/*` parsers accept anything). */
export function selectParser(parsers: readonly Parser[], essence: string): Parser | undefined {
  for (const parser of parsers) {
    if (parser.mediaType === essence || parser.mediaType === "*/*") return parser;
  }
  return undefined;
}

/** A body without files. */
export function dataOnly(data: unknown): ParsedBody {
  return { data, files: new QueryDict<File>() };
}

/** Decodes text in the request's charset (utf-8 by default); throws on invalid bytes. */
export function decodeText(body: Uint8Array, mediaType: MediaType): string {
  return new TextDecoder(mediaType.params.charset ?? "utf-8", { fatal: true }).decode(body);
}
