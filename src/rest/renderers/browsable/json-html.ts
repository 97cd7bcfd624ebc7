import { escapeHtml, Html } from "./html.js";

const STRING_TOKEN = /"(?:[^"\\]|\\.)*"/g;
/** Only these become links: absolute http(s) URLs and paths of this site (never `javascript:`). */
const LINKABLE = /^(?:https?:\/\/[^\s<>"]+|\/[^\s<>"]*)$/;

/**
 * Pretty JSON (indent 4, as DRF's browsable API shows it) as HTML, URLs in string values made
 * clickable (DRF's `urlize_quoted_links`). Everything is escaped; keys are never linked.
 */
export function jsonToHtml(data: unknown): Html {
  const text = JSON.stringify(data, null, 4) ?? "";
  let out = "";
  let last = 0;
  for (const match of text.matchAll(STRING_TOKEN)) {
    const start = match.index;
    const token = match[0];
    out += escapeHtml(text.slice(last, start));
    last = start + token.length;
    const isKey = text[last] === ":";
    const value = isKey ? null : (JSON.parse(token) as string);
    if (value !== null && LINKABLE.test(value)) {
      out += `&quot;<a href="${escapeHtml(value)}" rel="nofollow">${escapeHtml(token.slice(1, -1))}</a>&quot;`;
    } else {
      out += escapeHtml(token);
    }
  }
  out += escapeHtml(text.slice(last));
  return new Html(out);
}
