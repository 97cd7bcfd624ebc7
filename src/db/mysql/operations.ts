import type { DatePart, InternalType, LookupOperator, Operations } from "../operations.js";
import { quantizeDecimal } from "../decimal.js";
import { formatDate, formatDateTimeSql, normalizeUuid, parseDateTime } from "../values.js";
import { likePattern, NUMERIC_TYPES, integerOf } from "../driver-values.js";

// Tables are created with utf8mb4_bin (schema.ts), but the case-sensitive lookups say so
// themselves, so that they also hold on tables of an existing database with a _ci collation.
// The i-lookups compare LOWER() of both sides; regex flags are given inline ((?i) / (?-i)),
// which both MySQL's ICU and MariaDB's PCRE understand.
const OPERATORS: Record<LookupOperator, (lhs: string, rhs: string) => string> = {
  exact: (l, r) => `${l} = ${r}`,
  iexact: (l, r) => `LOWER(${l}) LIKE LOWER(${r})`,
  contains: (l, r) => `${l} LIKE ${r} COLLATE utf8mb4_bin`,
  icontains: (l, r) => `LOWER(${l}) LIKE LOWER(${r})`,
  startswith: (l, r) => `${l} LIKE ${r} COLLATE utf8mb4_bin`,
  istartswith: (l, r) => `LOWER(${l}) LIKE LOWER(${r})`,
  endswith: (l, r) => `${l} LIKE ${r} COLLATE utf8mb4_bin`,
  iendswith: (l, r) => `LOWER(${l}) LIKE LOWER(${r})`,
  gt: (l, r) => `${l} > ${r}`,
  gte: (l, r) => `${l} >= ${r}`,
  lt: (l, r) => `${l} < ${r}`,
  lte: (l, r) => `${l} <= ${r}`,
  regex: (l, r) => `${l} REGEXP CONCAT('(?-i)', ${r})`,
  iregex: (l, r) => `${l} REGEXP CONCAT('(?i)', ${r})`,
  // MATCH ... AGAINST needs a FULLTEXT index on the column: without one, a case-insensitive contains.
  search: (l, r) => `LOWER(${l}) LIKE LOWER(${r})`,
};


const UNITS: Record<DatePart, string> = {
  year: "YEAR", month: "MONTH", day: "DAY", hour: "HOUR", minute: "MINUTE", second: "SECOND", week_day: "", quarter: "QUARTER",
};

export const mysqlOperations: Operations = {
  quoteName: (name) => `\`${name.replace(/`/g, "``")}\``,
  placeholder: () => "?",
  lookup: (op, lhs, rhs) => OPERATORS[op](lhs, rhs),
  patternParam: (op, value) => likePattern(op === "search" ? "icontains" : op, value),
  // Sessions run with time_zone '+00:00' (backend.ts) and datetimes are stored in UTC.
  datePart: (part, lhs) => (part === "week_day" ? `DAYOFWEEK(${lhs})` : `EXTRACT(${UNITS[part]} FROM ${lhs})`),
  dateOf: (lhs) => `DATE(${lhs})`,
  limitOffset(limit, offset) {
    // MySQL has no OFFSET without LIMIT; its manual suggests the largest unsigned bigint.
    if (limit === null) return offset ? ` LIMIT 18446744073709551615 OFFSET ${offset}` : "";
    return offset ? ` LIMIT ${limit} OFFSET ${offset}` : ` LIMIT ${limit}`;
  },
  toDb(type: InternalType, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    switch (type) {
      case "BooleanField": return value ? 1 : 0;
      // MySQL's datetime takes no offset: text is parsed (offset applied) and stored in UTC.
      case "DateTimeField": {
        const date = value instanceof Date ? value : parseDateTime(String(value));
        return date ? formatDateTimeSql(date) : value;
      }
      case "DateField": return value instanceof Date ? formatDate(value) : value;
      case "DecimalField": return String(value);
      case "JSONField": return JSON.stringify(value);
      // Django stores UUIDs as char(32) on MySQL.
      case "UUIDField": return typeof value === "string" ? (normalizeUuid(value) ?? value).replace(/-/g, "") : value;
      default: return value;
    }
  },
  fromDb(type: InternalType, value: unknown, decimalPlaces?: number): unknown {
    if (value === null || value === undefined) return null;
    switch (type) {
      case "BooleanField": return Boolean(Number(value));
      // dateStrings: the driver returns the stored UTC text, parsed here with its microseconds.
      case "DateTimeField": return typeof value === "string" ? parseDateTime(value) : value;
      case "DecimalField": return quantizeDecimal(value, decimalPlaces);
      // Columns arrive as numbers; aggregates (SUM, AVG) may come back as numeric text.
      case "FloatField": return typeof value === "string" ? Number(value) : value;
      case "IntegerField": case "SmallIntegerField": case "BigIntegerField": case "PositiveIntegerField":
      case "PositiveSmallIntegerField": case "PositiveBigIntegerField": case "AutoField": case "BigAutoField": case "SmallAutoField":
        return typeof value === "string" ? integerOf(value) : value;
      case "JSONField": return typeof value === "string" ? JSON.parse(value) : value;
      case "UUIDField": return typeof value === "string" ? normalizeUuid(value) : value;
      default: return value;
    }
  },
  convertedTypes: new Set<InternalType>([...NUMERIC_TYPES, "BooleanField", "DateTimeField", "DecimalField", "JSONField", "UUIDField"]),
  beginSql: "START TRANSACTION",
  returning: () => null,
  insertDefaultValues: (table) => `INSERT INTO ${table} () VALUES ()`,
  ignoreConflicts: (sql) => sql.replace(/^INSERT INTO/, "INSERT IGNORE INTO"),
  // MySQL's CAST takes a short list of target types (Django's cast_data_types for MySQL).
  castType: (type, { maxDigits, decimalPlaces }) => {
    if (/Integer|Auto|Boolean/.test(type)) return "signed integer";
    if (type === "FloatField") return "double";
    if (type === "DecimalField") return `decimal(${maxDigits ?? 65}, ${decimalPlaces ?? 0})`;
    if (type === "DateField") return "date";
    if (type === "DateTimeField") return "datetime(6)";
    if (type === "JSONField") return "json";
    return "char";
  },
  // MySQL finds the conflicting unique key itself (the target columns are not spelled).
  upsert: (sql, _unique, update) => `${sql} ON DUPLICATE KEY UPDATE ${update.map((c) => `${c} = VALUES(${c})`).join(", ")}`,
  random: "RAND()",
  forUpdate: ({ nowait, skipLocked }) => ` FOR UPDATE${nowait ? " NOWAIT" : skipLocked ? " SKIP LOCKED" : ""}`,
  // LENGTH counts bytes here; Django's Length uses CHAR_LENGTH on MySQL.
  charLength: (sql) => `CHAR_LENGTH(${sql})`,
};
