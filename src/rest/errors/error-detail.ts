/**
 * A message with a stable machine code, like DRF's `ErrorDetail` (a `str` carrying `.code`).
 * It serialises to the bare message, so `JSON.stringify({detail})` gives DRF's wire shape while
 * `getCodes()` recovers the codes.
 */
export class ErrorDetail {
  constructor(
    readonly message: string,
    readonly code: string,
  ) {}

  toString(): string {
    return this.message;
  }

  toJSON(): string {
    return this.message;
  }
}

/** A detail tree: one message, a list of them, or a dict keyed by field name (nested freely). */
export type ErrorTree = ErrorDetail | ErrorTree[] | { [field: string]: ErrorTree };

/** What callers may pass as a detail: strings are wrapped with the exception's default code. */
export type DetailInput = string | ErrorDetail | DetailInput[] | { [field: string]: DetailInput };

export function toErrorTree(input: DetailInput, code: string): ErrorTree {
  if (typeof input === "string") return new ErrorDetail(input, code);
  if (input instanceof ErrorDetail) return input;
  if (Array.isArray(input)) return input.map((item) => toErrorTree(item, code));
  const out: Record<string, ErrorTree> = {};
  for (const [key, value] of Object.entries(input)) out[key] = toErrorTree(value, code);
  return out;
}

/** The same tree with codes in place of messages (DRF's `get_codes()`). */
export function errorCodes(tree: ErrorTree): unknown {
  if (tree instanceof ErrorDetail) return tree.code;
  if (Array.isArray(tree)) return tree.map(errorCodes);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) out[key] = errorCodes(value);
  return out;
}
