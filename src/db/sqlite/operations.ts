import type { DatePart, InternalType, LookupOperator, Operations } from "../operations.js";
import { formatDate, formatDateTimeSql, formatDecimal, normalizeUuid, parseDateTime } from "../values.js";
import { likePattern } from "../driver-values.js";

const LIKE_ESCAPE = "ESCAPE '\\'";

// SQLite's LIKE ignores ASCII case, so the case-sensitive pattern lookups use GLOB.
const OPERATORS: Record<LookupOperator, (lhs: string, rhs: string) => string> = {
  exact: (l, r) => `${l} = ${r}`,
  iexact: (l, r) => `${l} LIKE ${r} ${LIKE_ESCAPE}`,
  contains: (l, r) => `${l} GLOB ${r}`,
  icontains: (l, r) => `${l} LIKE ${r} ${LIKE_ESCAPE}`,
  startswith: (l, r) => `${l} GLOB ${r}`,
  istartswith: (l, r) => `${l} LIKE ${r} ${LIKE_ESCAPE}`,
  endswith: (l, r) => `${l} GLOB ${r}`,
  iendswith: (l, r) => `${l} LIKE ${r} ${LIKE_ESCAPE}`,
  gt: (l, r) => `${l} > ${r}`,
  gte: (l, r) => `${l} >= ${r}`,
  lt: (l, r) => `${l} < ${r}`,
  lte: (l, r) => `${l} <= ${r}`,
  regex: (l, r) => `torest_regexp(${r}, ${l})`,
  iregex: (l, r) => `torest_iregexp(${r}, ${l})`,
  // No full-text index to ask (FTS5 needs its own tables): a case-insensitive contains.
  search: (l, r) => `${l} LIKE ${r} ${LIKE_ESCAPE}`,
};

const globEscape = (v: string) => v.replace(/[[*?]/g, (c) => `[${c}]`);

const STRFTIME: Record<DatePart, string> = {
  year: "%Y", month: "%m", day: "%d", hour: "%H", minute: "%M", second: "%S", week_day: "%w", quarter: "%m",
};

export const sqliteOperations: Operations = {
  quoteName: (name) => `"${name.replace(/"/g, '""')}"`,
  placeholder: () => "?",
  lookup: (op, lhs, rhs) => OPERATORS[op](lhs, rhs),
  patternParam(op, value) {
    switch (op) {
      case "contains": return `*${globEscape(value)}*`;
      case "startswith": return `${globEscape(value)}*`;
      case "endswith": return `*${globEscape(value)}`;
      case "search": return likePattern("icontains", value);
      // The i-lookups are LIKEs (ASCII case-insensitive in SQLite).
      default: return likePattern(op, value);
    }
  },
  datePart(part, lhs) {
    const extracted = `CAST(strftime('${STRFTIME[part]}', ${lhs}) AS INTEGER)`;
    if (part === "week_day") return `(${extracted} + 1)`;
    if (part === "quarter") return `((${extracted} + 2) / 3)`;
    return extracted;
  },
  dateOf: (lhs) => `date(${lhs})`,
  limitOffset(limit, offset) {
    if (limit === null) return offset ? ` LIMIT -1 OFFSET ${offset}` : "";
    return offset ? ` LIMIT ${limit} OFFSET ${offset}` : ` LIMIT ${limit}`;
  },
  toDb(type: InternalType, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    switch (type) {
      case "BooleanField": return value ? 1 : 0;
      case "DateTimeField": return value instanceof Date ? formatDateTimeSql(value) : value;
      case "DateField": return value instanceof Date ? formatDate(value) : value;
      case "DecimalField": return String(value);
      case "JSONField": return JSON.stringify(value);
      case "UUIDField": return typeof value === "string" ? (normalizeUuid(value) ?? value).replace(/-/g, "") : value;
      default: return value;
    }
  },
  fromDb(type: InternalType, value: unknown, decimalPlaces?: number): unknown {
    if (value === null || value === undefined) return null;
    switch (type) {
      case "BooleanField": return Boolean(value);
      case "DateTimeField": return typeof value === "string" ? parseDateTime(value) : value;
      case "DecimalField": return formatDecimal(value, decimalPlaces);
      case "JSONField": return typeof value === "string" ? JSON.parse(value) : value;
      case "UUIDField": return typeof value === "string" ? normalizeUuid(value) : value;
      default: return value;
    }
  },
  convertedTypes: new Set<InternalType>(["BooleanField", "DateTimeField", "DecimalField", "JSONField", "UUIDField"]),
  beginSql: "BEGIN",
  returning: (columns) => ` RETURNING ${columns.join(", ")}`,
  insertDefaultValues: (table) => `INSERT INTO ${table} DEFAULT VALUES`,
  ignoreConflicts: (sql) => sql.replace(/^INSERT INTO/, "INSERT OR IGNORE INTO"),
  greatestLeast: ["MAX", "MIN"],
  castType: (type) => (/Integer|Auto|Boolean/.test(type) ? "INTEGER" : type === "FloatField" ? "REAL" : type === "DecimalField" ? "NUMERIC" : "TEXT"),
  upsert: (sql, unique, update) => `${sql} ON CONFLICT(${unique.join(", ")}) DO UPDATE SET ${update.map((c) => `${c} = excluded.${c}`).join(", ")}`,
  random: "RANDOM()",
  forUpdate: () => "",
};
