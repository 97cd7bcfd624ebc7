import type { Renderer } from "./renderer.js";

const LINE_SEPARATORS = /[\u2028\u2029]/g;

/**
 * Compact JSON (DRF's `JSONRenderer`), with U+2028/U+2029 escaped as DRF does so the output is
 * also valid JavaScript.
 */
export const JSONRenderer: Renderer = {
  mediaType: "application/json",
  format: "json",
  render(data) {
    const text = JSON.stringify(data) ?? "";
    if (!text.includes("\u2028") && !text.includes("\u2029")) return text;
    return text.replace(LINE_SEPARATORS, (c) => (c === "\u2028" ? "\\u2028" : "\\u2029"));
  },
};
