/**
 * Value types the drivers do not agree on, converted in one place for every backend.
 * JS Dates stop at milliseconds; databases (and DRF's output) keep microseconds, so a Date
 * read from the database may carry the rest in `microseconds`.
 */
export class PreciseDate extends Date {
  /** Microseconds within the second (0-999999); the Date itself holds the milliseconds. */
  readonly microseconds: number;
  constructor(epochMs: number, microseconds: number) {
    super(epochMs);
    this.microseconds = microseconds;
  }
}

/** Microseconds within the second of any Date. */
export function microsecondsOf(date: Date): number {
  return date instanceof PreciseDate ? date.microseconds : date.getUTCMilliseconds() * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** 400 Gregorian years are exactly 146,097 days: shifting by them keeps every calendar date. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/**
 * `Date.UTC` for every year 1-9999. `Date.UTC` reads years 0-99 as 1900-1999, which moved
 * `0001-01-01` to 1901; those years are computed 400 years later and shifted back.
 */
export function utcEpoch(year: number, monthIndex: number, day: number, hours = 0, minutes = 0, seconds = 0, ms = 0): number {
  if (year >= 100) return Date.UTC(year, monthIndex, day, hours, minutes, seconds, ms);
  return Date.UTC(year + 400, monthIndex, day, hours, minutes, seconds, ms) - FOUR_CENTURIES_MS;
}

/** The year as Django writes it: four digits (`0001`). */
const year4 = (date: Date) => pad(date.getUTCFullYear(), 4);

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC, the text form Django stores in SQLite. */
export function formatDateTimeSql(date: Date): string {
  const micro = microsecondsOf(date);
  const base = `${year4(date)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return micro ? `${base}.${pad(micro, 6)}` : base;
}

/** ISO 8601 in UTC with microseconds when present, as DRF renders: `2022-07-08T10:02:16.290713Z`. */
export function formatDateTimeIso(date: Date): string {
  return formatDateTimeSql(date).replace(" ", "T") + "Z";
}

const DATETIME_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parse an ISO-8601-like datetime; a missing offset means UTC. Returns null for text that is
 * not a valid datetime (out-of-range parts included).
 */
export function parseDateTime(text: string): Date | null {
  const fast = parseStoredDateTime(text);
  if (fast !== undefined) return fast;
  const m = DATETIME_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", tz] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  let epoch = utcEpoch(...parts);
  const check = new Date(epoch);
  if (parts[0] < 1 || check.getUTCMonth() !== parts[1] || check.getUTCDate() !== parts[2] || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) {
    return null;
  }
  if (tz && tz.toUpperCase() !== "Z") {
    const sign = tz[0] === "-" ? -1 : 1;
    const digits = tz.slice(1).replace(":", "");
    epoch -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0")) * 60_000;
  }
  const micro = Number(frac.padEnd(6, "0").slice(0, 6));
  return micro % 1000 === 0 ? new Date(epoch + micro / 1000) : new PreciseDate(epoch + Math.floor(micro / 1000), micro);
}

/** The number in `text[start, start + length)`, or -1 if a character is not a digit. */
function digits(text: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Fast path for the form torest stores (`YYYY-MM-DD HH:MM:SS[.ffffff]`, UTC): no regex and a
 * single Date, as every loaded row goes through here. undefined: another form, use the regex.
 */
function parseStoredDateTime(t: string): Date | null | undefined {
  const n = t.length;
  if (n < 19 || n > 26 || n === 20 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return undefined;
  const sep = t.charCodeAt(10);
  if (sep !== 32 && sep !== 84) return undefined;
  const y = digits(t, 0, 4), mo = digits(t, 5, 2), d = digits(t, 8, 2);
  const h = digits(t, 11, 2), mi = digits(t, 14, 2), s = digits(t, 17, 2);
  let micro = 0;
  if (n > 19) {
    if (t.charCodeAt(19) !== 46) return undefined;
    const frac = digits(t, 20, n - 20);
    if (frac < 0) return undefined;
    micro = frac * 10 ** (26 - n);
  }
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return y < 0 || mo < 0 || d < 0 ? undefined : null;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1]! + (leap ? 1 : 0)) return null;
  const epoch = utcEpoch(y, mo - 1, d, h, mi, s);
  return micro % 1000 === 0 ? new Date(epoch + micro / 1000) : new PreciseDate(epoch + Math.floor(micro / 1000), micro);
}

/** `YYYY-MM-DD` of a Date in UTC. */
export function formatDate(date: Date): string {
  return `${year4(date)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Canonical dashed UUID from 32 hex digits or any dashed form; null if not a UUID. */
export function normalizeUuid(value: string): string | null {
  const hex = value.replace(/[{}-]/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Format a number or numeric string with a fixed number of decimal places without passing the
 * digits through a float when they arrive as text.
 */
export function formatDecimal(value: unknown, places: number | undefined): string {
  const text = typeof value === "string" ? value : typeof value === "bigint" ? value.toString() : Number(value).toString();
  if (places === undefined) return text;
  if (typeof value === "number" && !/e/i.test(text)) return value.toFixed(places);
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return text;
  const [, sign, int = "0", frac = ""] = m;
  return places === 0 ? `${sign}${int || "0"}` : `${sign}${int || "0"}.${frac.padEnd(places, "0").slice(0, places)}`;
}
