/**
 * DRF's `ProhibitNullCharactersValidator` and `ProhibitSurrogateCharactersValidator`: a NUL
 * cannot be stored by PostgreSQL (and would be cut short by C clients elsewhere), and a lone
 * UTF-16 surrogate is not a character at all, so both are refused on every backend.
 */
export const NULL_CHARACTERS = "Null characters are not allowed.";

/** The first refusal message for `text`, or null when it holds neither. */
export function prohibitedCharacters(text: string): string | null {
  if (text.includes("\0")) return NULL_CHARACTERS;
  const surrogate = loneSurrogate(text);
  return surrogate === null ? null : `Surrogate characters are not allowed: U+${surrogate.toString(16).toUpperCase()}.`;
}

/** Every refusal message for `text` (DRF runs all its validators and lists each failure). */
export function prohibitedCharacterMessages(text: string): { message: string; code: string }[] {
  const out: { message: string; code: string }[] = [];
  if (text.includes("\0")) out.push({ message: NULL_CHARACTERS, code: "null_characters_not_allowed" });
  const surrogate = loneSurrogate(text);
  if (surrogate !== null) {
    out.push({ message: `Surrogate characters are not allowed: U+${surrogate.toString(16).toUpperCase()}.`, code: "surrogate_characters_not_allowed" });
  }
  return out;
}

/** The code unit of the first unpaired surrogate (a pair is one real character). */
function loneSurrogate(text: string): number | null {
  // Fast path: no surrogate code unit at all.
  if (!/[\uD800-\uDFFF]/.test(text)) return null;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) return code;
  }
  return null;
}

/** Does any string in a JSON value (keys included) hold a NUL or a lone surrogate? Its message. */
export function prohibitedInJson(value: unknown, depth = 0): string | null {
  if (typeof value === "string") return prohibitedCharacters(value);
  if (typeof value !== "object" || value === null || depth > 1000) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = prohibitedInJson(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = prohibitedCharacters(key) ?? prohibitedInJson(item, depth + 1);
    if (found) return found;
  }
  return null;
}
