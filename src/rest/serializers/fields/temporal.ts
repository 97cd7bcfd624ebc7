import { formatDate, formatDateTimeIso, microsecondsOf, parseDateTime } from "../../../db/values.js";
import { SerializerField } from "./base.js";

/** Django's `parse_datetime` needs a time part; a bare date is not a datetime. */
const HAS_TIME = /^\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{1,2}/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * ISO 8601 datetimes (DRF's `DateTimeField` with `USE_TZ = True`): an offset is converted to
 * UTC, a naive value is taken as UTC; output is `2022-07-08T10:02:16.290713Z`.
 */
export class DateTimeField extends SerializerField<Date> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    invalid: "Datetime has wrong format. Use one of these formats instead: {format}.",
    date: "Expected a datetime but got a date.",
  };
  readonly type = "datetime";

  toInternal(data: unknown): Date {
    if (data instanceof Date && !Number.isNaN(data.getTime())) return data;
    const text = typeof data === "string" ? data.trim() : "";
    const parsed = HAS_TIME.test(text) ? parseDateTime(text) : null;
    if (!parsed) this.fail("invalid", { format: "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]" });
    return parsed;
  }

  override toRepresentation(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    return value instanceof Date ? isoMicro(value) : value;
  }
}

/**
 * `formatDateTimeIso` on the hot path of every list: `toISOString()` is native, so only the
 * fraction is rebuilt (microseconds, trailing zeros kept as DRF prints them; none when zero).
 */
function isoMicro(date: Date): string {
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return formatDateTimeIso(date);
  const micro = microsecondsOf(date);
  const base = date.toISOString().slice(0, 19);
  return micro === 0 ? `${base}Z` : `${base}.${String(micro).padStart(6, "0")}Z`;
}

/** Calendar dates as `YYYY-MM-DD` (DRF's `DateField`). */
export class DateField extends SerializerField<string> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    invalid: "Date has wrong format. Use one of these formats instead: {format}.",
    datetime: "Expected a date but got a datetime.",
  };
  readonly type = "date";

  toInternal(data: unknown): string {
    const text = typeof data === "string" ? data.trim() : "";
    if (HAS_TIME.test(text)) this.fail("datetime");
    const parsed = DATE_ONLY.test(text) ? parseDateTime(text) : null;
    if (!parsed) this.fail("invalid", { format: "YYYY-MM-DD" });
    return formatDate(parsed);
  }

  override toRepresentation(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    return value instanceof Date ? formatDate(value) : value;
  }
}
