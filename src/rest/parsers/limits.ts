import { TooManyFieldsSent, TooManyFilesSent } from "./too-many.js";

/**
 * How much structure a body may have, checked on the raw text before any parser builds
 * objects, so that no request holds the event loop long (Django's DATA_UPLOAD_MAX_* settings;
 * the JSON limits are torest's, as Django has no JSON parser).
 */
export interface ParserLimits {
  /** DATA_UPLOAD_MAX_NUMBER_FIELDS: form and multipart fields (Django's default 1000). */
  readonly maxNumberFields: number | null;
  /** DATA_UPLOAD_MAX_NUMBER_FILES: files of a multipart body (Django's default 100). */
  readonly maxNumberFiles: number | null;
  /** Nesting of JSON arrays and objects (default 100, MySQL's own JSON limit). */
  readonly maxJsonDepth: number | null;
  /** JSON values in a body: array elements and object members, nested ones included (default 50,000). */
  readonly maxJsonItems: number | null;
}

export const DEFAULT_PARSER_LIMITS: ParserLimits = Object.freeze({
  maxNumberFields: 1000,
  maxNumberFiles: 100,
  maxJsonDepth: 100,
  maxJsonItems: 50_000,
});

const QUOTE = 34, BACKSLASH = 92, OPEN_ARRAY = 91, OPEN_OBJECT = 123, CLOSE_ARRAY = 93, CLOSE_OBJECT = 125, COMMA = 44, COLON = 58;

/**
 * What is wrong with the shape of a JSON text, or null. One pass over the characters, no
 * recursion, no allocation: strings are skipped (their escapes too), brackets counted. Malformed
 * JSON is left for JSON.parse to describe.
 */
export function jsonShapeProblem(text: string, limits: ParserLimits): string | null {
  const maxDepth = limits.maxJsonDepth ?? Infinity;
  const maxItems = limits.maxJsonItems ?? Infinity;
  let depth = 0;
  let items = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Jump to the closing quote with indexOf (native speed over long strings): a quote
      // preceded by an odd number of backslashes is escaped.
      for (;;) {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return null; // unterminated: JSON.parse will say so
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
        i = end;
        if (slashes % 2 === 0) break;
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return `nesting deeper than ${maxDepth} levels`;
      items++;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    } else if (c === COMMA || c === COLON) {
      items++;
    }
    if (items > maxItems) return `more than ${maxItems} values`;
  }
  return null;
}

/** Throws Django's TooManyFieldsSent (as a 400) when a urlencoded text has too many fields. */
export function checkFormFields(text: string, limits: ParserLimits): void {
  const max = limits.maxNumberFields;
  if (max === null) return;
  // Django splits on "&" and counts the pieces, empty ones included.
  let fields = 1;
  for (let at = text.indexOf("&"); at >= 0; at = text.indexOf("&", at + 1)) {
    if (++fields > max) throw new TooManyFieldsSent();
  }
}

const CRLF_CRLF = Buffer.from("\r\n\r\n");
const FILENAME = Buffer.from("filename");

/**
 * Counts the parts of a multipart body by its boundary (Buffer.indexOf, no parsing) and throws
 * Django's TooManyFieldsSent / TooManyFilesSent (as 400s) past the limits. A part is a file
 * when its headers name a filename. A body without a usable boundary is left to the parser.
 */
export function checkMultipartParts(body: Uint8Array, boundary: string | undefined, limits: ParserLimits): void {
  if (!boundary || (limits.maxNumberFields === null && limits.maxNumberFiles === null)) return;
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  let fields = 0;
  let files = 0;
  let at = buffer.indexOf(delimiter);
  while (at >= 0) {
    const next = buffer.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const headersEnd = buffer.indexOf(CRLF_CRLF, at + delimiter.length);
    const isFile = headersEnd >= 0 && headersEnd < next && hasWithin(buffer, FILENAME, at + delimiter.length, headersEnd);
    if (isFile) {
      if (limits.maxNumberFiles !== null && ++files > limits.maxNumberFiles) throw new TooManyFilesSent();
    } else if (limits.maxNumberFields !== null && ++fields > limits.maxNumberFields) {
      throw new TooManyFieldsSent();
    }
    at = next;
  }
}

/** Searches only the part's headers: a search to the end of the body for each part would be quadratic. */
function hasWithin(buffer: Buffer, needle: Buffer, start: number, end: number): boolean {
  return buffer.subarray(start, end).indexOf(needle) >= 0;
}
