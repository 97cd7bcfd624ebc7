import type { InternalType, LookupOperator } from "./operations.js";

/**
 * Conversions the client/server drivers share: their operations tables differ in SQL, not in
 * how LIKE patterns are escaped or how numbers that arrive as text become JS numbers.
 */

/** Escape LIKE's wildcards with the backslash, LIKE's default escape character. */
export const likeEscape = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The LIKE pattern of a pattern lookup, for backends whose every pattern lookup is a LIKE. */
export function likePattern(op: LookupOperator, value: string): string {
  switch (op) {
    case "contains": case "icontains": return `%${likeEscape(value)}%`;
    case "startswith": case "istartswith": return `${likeEscape(value)}%`;
    case "endswith": case "iendswith": return `%${likeEscape(value)}`;
    case "iexact": return likeEscape(value);
    default: return value;
  }
}

/** Number kinds converted from text: SUM and AVG give numeric/DECIMAL results. */
export const NUMERIC_TYPES: readonly InternalType[] = [
  "FloatField", "IntegerField", "SmallIntegerField", "BigIntegerField", "PositiveIntegerField",
  "PositiveSmallIntegerField", "PositiveBigIntegerField", "AutoField", "BigAutoField", "SmallAutoField",
];

/** An integer from text, kept as text beyond 2^53 (as bigint columns are). */
export function integerOf(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}
