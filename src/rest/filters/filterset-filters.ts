import type { Field, QuerySet } from "../../index.js";
import { parseDateTime, normalizeUuid } from "../../db/values.js";
import { ISO_DATE } from "../serializers/fields/temporal.js";
import { parseFilterValue, type FilterValue } from "./filter-values.js";

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;
/** django-filter's BooleanWidget: `true`/`false`/`1`/`0` in any case; anything else is ignored. */
const BOOLEANS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false };

export interface FilterOptions {
  /** The model field (or `a__b` path) filtered; the filter's own name by default (django-filter's `field_name`). */
  fieldName?: string;
  /** django-filter's `lookup_expr`: `exact`, `gte`, `icontains`, `year__gt`, `in`, `range`, `isnull`... */
  lookupExpr?: string;
  /** A FilterSet method `(queryset, name, value) => queryset` that filters instead (django-filter's `method`). */
  method?: string;
  /** Exclude the matches instead of keeping them. */
  exclude?: boolean;
  label?: string;
}

/** A method filter's signature: returns the queryset (not a promise: awaiting a queryset runs it). */
export type FilterMethod = (queryset: QuerySet<any>, name: string, value: unknown) => QuerySet<any>;

/**
 * One query parameter of a FilterSet (django-filter's `Filter`): parses the raw value (with
 * django-filter's form error messages) and narrows the queryset with `fieldName__lookupExpr`.
 * The base class parses as the model field would (the filters a FilterSet generates).
 */
export class Filter {
  name = "";
  readonly options: FilterOptions;

  constructor(options: FilterOptions = {}) {
    this.options = options;
  }

  get fieldName(): string {
    return this.options.fieldName ?? this.name;
  }

  get lookupExpr(): string {
    return this.options.lookupExpr ?? "exact";
  }

  /**
   * The value to filter with. `field` is the model field the path ends on (after transforms such
   * as `year`), when known.
   */
  parse(raw: string, field: Field | undefined, lookup: string): FilterValue | Promise<FilterValue> {
    if (lookup === "isnull") return parseBoolean(raw);
    if (lookup === "in") return parseList(raw, (item) => this.parseOne(item, field, lookup), null);
    if (lookup === "range") return parseList(raw, (item) => this.parseOne(item, field, lookup), 2);
    return this.parseOne(raw, field, lookup);
  }

  /** One value, as the field's default form field parses it. */
  protected async parseOne(raw: string, field: Field | undefined, lookup: string): Promise<FilterValue> {
    if (!field) return { value: raw };
    const parsed = await parseFilterValue(field, raw);
    // Only `exact` can know that no row matches a value outside the column's range.
    if ("none" in parsed && lookup !== "exact") {
      const n = Number(raw);
      return Number.isSafeInteger(Math.trunc(n)) ? { value: n } : { error: "Enter a number." };
    }
    return parsed;
  }
}

function parseBoolean(raw: string): FilterValue {
  const value = BOOLEANS[raw.toLowerCase()];
  return value === undefined ? { skip: true } : { value };
}

/** django-filter's BaseCSVFilter (`in`) and BaseRangeFilter (`range`, two values). */
async function parseList(raw: string, parse: (item: string) => Promise<FilterValue> | FilterValue, exactly: number | null): Promise<FilterValue> {
  const items = raw.split(",");
  if (exactly !== null && items.length !== exactly) return { error: "Range query expects two values." };
  const values: unknown[] = [];
  for (const item of items) {
    const parsed = await parse(item.trim());
    if ("error" in parsed) return parsed;
    if ("value" in parsed) values.push(parsed.value);
  }
  return { value: values };
}

/** Free text (django-filter's `CharFilter`). */
export class CharFilter extends Filter {
  protected override async parseOne(raw: string): Promise<FilterValue> {
    return { value: raw };
  }
}

/** A number (django-filter's `NumberFilter`): `Enter a number.` otherwise. */
export class NumberFilter extends Filter {
  protected override async parseOne(raw: string): Promise<FilterValue> {
    return NUMBER.test(raw) ? { value: Number(raw) } : { error: "Enter a number." };
  }
}

/** `true`/`false`/`1`/`0` (django-filter's `BooleanFilter` with DRF's BooleanWidget); other values are ignored. */
export class BooleanFilter extends Filter {
  override parse(raw: string): FilterValue {
    return parseBoolean(raw);
  }
}

/** One of `choices` (django-filter's `ChoiceFilter`). */
export class ChoiceFilter extends Filter {
  readonly choices: readonly (readonly [unknown, string])[];

  constructor(options: FilterOptions & { choices: readonly (readonly [unknown, string])[] }) {
    super(options);
    this.choices = options.choices;
  }

  protected override async parseOne(raw: string): Promise<FilterValue> {
    const match = this.choices.find(([value]) => String(value) === raw);
    return match ? { value: match[0] } : { error: `Select a valid choice. ${raw} is not one of the available choices.` };
  }
}

/** `YYYY-MM-DD` (django-filter's `DateFilter`). */
export class DateFilter extends Filter {
  protected override async parseOne(raw: string): Promise<FilterValue> {
    return ISO_DATE.test(raw) && parseDateTime(raw) ? { value: raw } : { error: "Enter a valid date." };
  }
}

/** An ISO date-time (django-filter's `DateTimeFilter`). */
export class DateTimeFilter extends Filter {
  protected override async parseOne(raw: string): Promise<FilterValue> {
    const date = parseDateTime(raw);
    return date ? { value: date } : { error: "Enter a valid date/time." };
  }
}

/** A UUID in any usual spelling (django-filter's `UUIDFilter`). */
export class UUIDFilter extends Filter {
  protected override async parseOne(raw: string): Promise<FilterValue> {
    const uuid = normalizeUuid(raw);
    return uuid ? { value: uuid } : { error: "Enter a valid UUID." };
  }
}
