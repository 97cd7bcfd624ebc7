import { formatDecimal } from "./values.js";

/**
 * A decimal from the database with exactly `places` decimal places, rounded half to even as
 * Python's `Decimal.quantize` does in Django's converters. Client/server databases return
 * numerics as text; an AVG may carry more places than the field (`3.8750000` → `3.88`).
 */
export function quantizeDecimal(value: unknown, places: number | undefined): string {
  if (places === undefined || typeof value !== "string") return formatDecimal(value, places);
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value);
  if (!m) return value;
  const [, sign, int = "", frac = ""] = m;
  if (frac.length <= places) return formatDecimal(value, places);
  const kept = (int || "0") + frac.slice(0, places);
  const rest = frac.slice(places);
  const first = rest.charCodeAt(0) - 48;
  const up = first > 5 || (first === 5 && (/[1-9]/.test(rest.slice(1)) || Number(kept.at(-1)) % 2 === 1));
  let digits = up ? increment(kept) : kept;
  digits = digits.padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places).replace(/^0+(?=\d)/, "");
  const text = places ? `${whole}.${digits.slice(digits.length - places)}` : whole;
  return sign && /[1-9]/.test(text) ? `-${text}` : text;
}

/** Add one to a string of decimal digits. */
function increment(digits: string): string {
  const chars = digits.split("");
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== "9") {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join("");
    }
    chars[i] = "0";
  }
  return `1${chars.join("")}`;
}
