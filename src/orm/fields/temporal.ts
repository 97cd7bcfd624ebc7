import { formatDate, parseDateTime, utcEpoch } from "../../db/values.js";
import { Field, type FieldOptions, type NullOf, type PkOf } from "./field.js";

export interface DateFieldOptions<T> extends FieldOptions<T> {
  /** Set to now on every save. */
  autoNow?: boolean;
  /** Set to now when first created. */
  autoNowAdd?: boolean;
}

const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATETIME_SHAPE_RE = /^\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{1,2}(?::\d{1,2}(?:[.,]\d{1,9})?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * What DateField and DateTimeField share: `autoNow` / `autoNowAdd` (which make the field
 * non-editable and blank) set the value to `now()` on save.
 */
abstract class AutoNowField<T, Null extends boolean, Pk extends boolean> extends Field<T, Null, Pk> {
  readonly autoNow: boolean;
  readonly autoNowAdd: boolean;

  constructor(options: DateFieldOptions<unknown>, messages: Record<string, string>) {
    const auto = Boolean(options.autoNow || options.autoNowAdd);
    super({ ...(options as FieldOptions<T>), ...(auto ? { editable: false, blank: true } : {}) }, {
      invalid_date: "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
      ...messages,
    });
    this.autoNow = options.autoNow ?? false;
    this.autoNowAdd = options.autoNowAdd ?? false;
  }

  /** The current moment as the field holds it. */
  protected abstract now(): T;

  override preSave(instance: Record<string, unknown>, adding: boolean): unknown {
    if (this.autoNow || (this.autoNowAdd && adding)) instance[this.attname] = this.now();
    return instance[this.attname];
  }
}

/**
 * A calendar date, held as `"YYYY-MM-DD"`: JS has no date-only type and a Date would shift with
 * the local time zone. Dates are accepted on input (their UTC date is taken).
 */
export class DateFieldDef<Null extends boolean = boolean, Pk extends boolean = boolean> extends AutoNowField<string, Null, Pk> {
  /** Type-level marker: constructor data may give a Date (its UTC date is taken). */
  declare readonly __dateInput: true;
  readonly internalType = "DateField" as const;
  readonly kind = "DateField";

  constructor(options: DateFieldOptions<string | Date> = {}) {
    super(options, { invalid: "“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format." });
  }

  protected now(): string {
    return formatDate(new Date());
  }

  override toJs(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return formatDate(value);
    const text = String(value).trim();
    const m = DATE_RE.exec(text);
    if (!m) {
      const dt = parseDateTime(text);
      if (dt) return formatDate(dt);
      throw this.error("invalid", { value: text });
    }
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // Python's dates run from year 1 to 9999; years 1-99 are not 1900-1999 (see utcEpoch).
    const check = new Date(utcEpoch(y, mo - 1, d));
    if (y < 1 || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) throw this.error("invalid_date", { value: text });
    return formatDate(check);
  }
}

/** A moment in time, held as a Date in UTC (read back with microseconds, see PreciseDate). */
export class DateTimeFieldDef<Null extends boolean = boolean, Pk extends boolean = boolean> extends AutoNowField<Date, Null, Pk> {
  readonly internalType = "DateTimeField" as const;
  readonly kind = "DateTimeField";

  constructor(options: DateFieldOptions<Date> = {}) {
    super(options, {
      invalid: "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.",
      invalid_datetime: "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.",
    });
  }

  protected now(): Date {
    return new Date();
  }

  override toJs(value: unknown): Date | null {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw this.error("invalid", { value: "Invalid Date" });
      return value;
    }
    const parsed = typeof value === "string" ? parseDateTime(value) : null;
    if (!parsed) {
      // Django tells a well-formed but impossible value (Feb 30, 25:00) from a malformed one.
      const text = String(value).trim();
      const code = DATETIME_SHAPE_RE.test(text) ? "invalid_datetime" : DATE_RE.test(text) ? "invalid_date" : "invalid";
      throw this.error(code, { value: String(value) });
    }
    return parsed;
  }
}

export function DateField<const O extends DateFieldOptions<string | Date>>(options?: O): DateFieldDef<NullOf<O>, PkOf<O>> {
  return new DateFieldDef(options ?? {});
}

export function DateTimeField<const O extends DateFieldOptions<Date>>(options?: O): DateTimeFieldDef<NullOf<O>, PkOf<O>> {
  return new DateTimeFieldDef(options ?? {});
}
