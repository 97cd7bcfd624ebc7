/**
 * HTML building with escaping by default: `html\`<p>${value}</p>\`` escapes `value` unless it is
 * itself `Html` (the output of `html` or `raw`). Arrays are joined; null, undefined and false
 * render nothing. Every value from data, headers or the URL goes through here.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function piece(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + (strings[i + 1] as string);
  return new Html(out);
}

/** Trusted markup (our own stylesheet and script): never pass data here. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** DRF's status reason phrases for the response line. */
export const REASONS: Readonly<Record<number, string>> = {
  200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified",
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  406: "Not Acceptable", 409: "Conflict", 412: "Precondition Failed", 413: "Request Entity Too Large",
  415: "Unsupported Media Type", 428: "Precondition Required", 429: "Too Many Requests",
  500: "Internal Server Error", 503: "Service Unavailable",
};
