import type { DatePart, InternalType, LookupOperator, Operations } from "../operations.js";
import { quantizeDecimal } from "../decimal.js";
import { formatDate, formatDateTimeIso, normalizeUuid, parseDateTime } from "../values.js";
import { likePattern, NUMERIC_TYPES, integerOf } from "../driver-values.js";

// Django's PostgreSQL operators. Pattern and regex lookups cast the column to text (so they also
// work on numbers and dates); the i-lookups compare UPPER() of both sides, as Django does.
const OPERATORS: Record<LookupOperator, (lhs: string, rhs: string) => string> = {
  exact: (l, r) => `${l} = ${r}`,
  iexact: (l, r) => `UPPER(${l}::text) LIKE UPPER(${r})`,
  contains: (l, r) => `${l}::text LIKE ${r}`,
  icontains: (l, r) => `UPPER(${l}::text) LIKE UPPER(${r})`,
  startswith: (l, r) => `${l}::text LIKE ${r}`,
  istartswith: (l, r) => `UPPER(${l}::text) LIKE UPPER(${r})`,
  endswith: (l, r) => `${l}::text LIKE ${r}`,
  iendswith: (l, r) => `UPPER(${l}::text) LIKE UPPER(${r})`,
  gt: (l, r) => `${l} > ${r}`,
  gte: (l, r) => `${l} >= ${r}`,
  lt: (l, r) => `${l} < ${r}`,
  lte: (l, r) => `${l} <= ${r}`,
  regex: (l, r) => `${l}::text ~ ${r}`,
  iregex: (l, r) => `${l}::text ~* ${r}`,
  // Django's SearchLookup: the column's and the query's lexemes (stemmed, stop words dropped).
  search: (l, r) => `to_tsvector(${l}::text) @@ plainto_tsquery(${r})`,
};


const FIELDS: Record<DatePart, string> = {
  year: "YEAR", month: "MONTH", day: "DAY", hour: "HOUR", minute: "MINUTE", second: "SECOND", week_day: "DOW", quarter: "QUARTER",
};

/** Types for parameters the server cannot infer (castParam). */
const PARAM_TYPES: Record<InternalType, string> = {
  AutoField: "integer", BigAutoField: "bigint", SmallAutoField: "smallint", CharField: "varchar", SlugField: "varchar",
  TextField: "text", IntegerField: "integer", SmallIntegerField: "smallint", BigIntegerField: "bigint",
  PositiveIntegerField: "integer", PositiveSmallIntegerField: "smallint", PositiveBigIntegerField: "bigint",
  FloatField: "double precision", DecimalField: "numeric", BooleanField: "boolean", DateField: "date",
  DateTimeField: "timestamp with time zone", UUIDField: "uuid", JSONField: "jsonb",
};

export const postgresOperations: Operations = {
  quoteName: (name) => `"${name.replace(/"/g, '""')}"`,
  placeholder: (n) => `$${n}`,
  lookup: (op, lhs, rhs) => OPERATORS[op](lhs, rhs),
  patternParam: likePattern,
  datePart(part, lhs) {
    // EXTRACT gives numeric (with the fraction for seconds); Django's parts are integers.
    // Sessions run in UTC (see backend.ts), so parts of a timestamptz are UTC parts.
    const source = part === "second" ? `DATE_TRUNC('second', ${lhs})` : lhs;
    const extracted = `CAST(EXTRACT(${FIELDS[part]} FROM ${source}) AS integer)`;
    return part === "week_day" ? `(${extracted} + 1)` : extracted;
  },
  dateOf: (lhs) => `CAST(${lhs} AS date)`,
  limitOffset(limit, offset) {
    return (limit === null ? "" : ` LIMIT ${limit}`) + (offset ? ` OFFSET ${offset}` : "");
  },
  toDb(type: InternalType, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    switch (type) {
      case "BooleanField": return Boolean(value);
      case "DateTimeField": return value instanceof Date ? formatDateTimeIso(value) : value;
      case "DateField": return value instanceof Date ? formatDate(value) : value;
      case "DecimalField": return String(value);
      // Stringified here: the driver would send a JS array as a PostgreSQL array.
      case "JSONField": return JSON.stringify(value);
      case "UUIDField": return typeof value === "string" ? (normalizeUuid(value) ?? value) : value;
      default: return value;
    }
  },
  fromDb(type: InternalType, value: unknown, decimalPlaces?: number): unknown {
    if (value === null || value === undefined) return null;
    switch (type) {
      // Timestamps and JSON arrive as text (type parsers in backend.ts): pg would lose the
      // microseconds of a timestamp, and parse a JSON string scalar as the bare string.
      // Sessions run in UTC, so timestamps end in "+00": without it the text takes the fast path.
      case "DateTimeField":
        return typeof value === "string" ? parseDateTime(value.endsWith("+00") ? value.slice(0, -3) : value) : value;
      case "DecimalField": return quantizeDecimal(value, decimalPlaces);
      // Columns arrive as numbers; aggregates (SUM, AVG) may come back as numeric text.
      case "FloatField": return typeof value === "string" ? Number(value) : value;
      case "IntegerField": case "SmallIntegerField": case "BigIntegerField": case "PositiveIntegerField":
      case "PositiveSmallIntegerField": case "PositiveBigIntegerField": case "AutoField": case "BigAutoField": case "SmallAutoField":
        return typeof value === "string" ? integerOf(value) : value;
      case "JSONField": return typeof value === "string" ? JSON.parse(value) : value;
      default: return value;
    }
  },
  convertedTypes: new Set<InternalType>([...NUMERIC_TYPES, "DateTimeField", "DecimalField", "JSONField"]),
  beginSql: "BEGIN",
  returning: (columns) => ` RETURNING ${columns.join(", ")}`,
  insertDefaultValues: (table) => `INSERT INTO ${table} DEFAULT VALUES`,
  ignoreConflicts: (sql) => `${sql} ON CONFLICT DO NOTHING`,
  upsert: (sql, unique, update) => `${sql} ON CONFLICT(${unique.join(", ")}) DO UPDATE SET ${update.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}`,
  random: "RANDOM()",
  forUpdate: ({ nowait, skipLocked }) => ` FOR UPDATE${nowait ? " NOWAIT" : skipLocked ? " SKIP LOCKED" : ""}`,
  // node-pg sends parameters untyped: `SELECT $1` or CONCAT_WS('', $1) cannot tell their type.
  castParam: (placeholder, type) => `${placeholder}::${PARAM_TYPES[type] ?? "text"}`,
  castType: (type, { maxDigits, decimalPlaces }) =>
    type === "DecimalField" && maxDigits !== undefined ? `numeric(${maxDigits}, ${decimalPlaces ?? 0})` : type === "CharField" || type === "SlugField" ? "text" : PARAM_TYPES[type] ?? "text",
};
