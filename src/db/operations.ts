/**
 * SQL that differs between databases, one implementation per backend in `db/<vendor>/operations.ts`
 * (Django's `DatabaseOperations` plus its `operators` table).
 */
export type LookupOperator =
  | "exact" | "iexact" | "contains" | "icontains" | "startswith" | "istartswith"
  | "endswith" | "iendswith" | "gt" | "gte" | "lt" | "lte" | "regex" | "iregex"
  // Full-text search (Django's `__search`): PostgreSQL's text search; a contains elsewhere.
  | "search";

export type DatePart = "year" | "month" | "day" | "hour" | "minute" | "second" | "week_day" | "quarter";

/** Storage kinds the ORM asks backends about; fields map onto these. */
export type InternalType =
  | "AutoField" | "BigAutoField" | "SmallAutoField" | "CharField" | "TextField" | "IntegerField"
  | "SmallIntegerField" | "BigIntegerField" | "PositiveIntegerField" | "PositiveSmallIntegerField"
  | "PositiveBigIntegerField" | "FloatField" | "DecimalField" | "BooleanField" | "DateField"
  | "DateTimeField" | "UUIDField" | "JSONField" | "SlugField";

export interface Operations {
  quoteName(name: string): string;
  /** Placeholder for the n-th parameter (1-based): `?` or `$n`. */
  placeholder(n: number): string;
  /**
   * SQL for `lhs <op> rhs`, where `rhs` is a placeholder or expression. Pattern lookups get their
   * parameter already wrapped by `patternParam`.
   */
  lookup(op: LookupOperator, lhs: string, rhs: string): string;
  /** The parameter for a pattern lookup (`contains` → `%value%`, escaped). */
  patternParam(op: LookupOperator, value: string): string;
  /** Extract part of a date or datetime column as an integer. */
  datePart(part: DatePart, lhs: string, internalType: "DateField" | "DateTimeField"): string;
  /** Truncate a datetime column to its date. */
  dateOf(lhs: string): string;
  /** LIMIT/OFFSET clause (empty when neither is set). */
  limitOffset(limit: number | null, offset: number): string;
  /** Convert a JS value to what the driver stores for this kind of column. */
  toDb(internalType: InternalType, value: unknown): unknown;
  /** Kinds whose driver values need `fromDb`; the others are used as the driver returns them. */
  readonly convertedTypes: ReadonlySet<InternalType>;
  /** Convert what the driver returned into the JS value of this kind of field. */
  fromDb(internalType: InternalType, value: unknown, decimalPlaces?: number): unknown;
  /** Statement to begin a transaction. */
  readonly beginSql: string;
  /** RETURNING clause for an insert, or null when unsupported. */
  returning(columns: string[]): string | null;
  /** `INSERT INTO t DEFAULT VALUES` varies by dialect. */
  insertDefaultValues(table: string): string;
  /**
   * An INSERT that updates `updateColumns` of the rows conflicting on `uniqueColumns` (quoted
   * names; the target may be empty where the database finds it itself). Absent: unsupported.
   */
  upsert?(insertSql: string, uniqueColumns: string[], updateColumns: string[]): string;
  /** Prefix/suffix making INSERT skip conflicting rows. */
  ignoreConflicts(insertSql: string): string;
  /** Expression for random ordering. */
  readonly random: string;
  /** FOR UPDATE clause. */
  forUpdate(options: { nowait?: boolean; skipLocked?: boolean }): string;
  /** Concatenation of expressions, NULL counting as empty (default: `CONCAT_WS('', a, b)`). */
  concat?(parts: string[]): string;
  /**
   * A parameter placeholder with its type spelled out, for positions where the database cannot
   * infer it (`SELECT $1`, function arguments); absent: the placeholder as is.
   */
  castParam?(placeholder: string, internalType: InternalType): string;
  /**
   * The type name in `CAST(x AS <type>)` for a kind of field (Django's `cast_data_types`);
   * absent: Cast is unsupported.
   */
  castType?(internalType: InternalType, options: { maxDigits?: number; decimalPlaces?: number }): string;
  /** Names of the many-argument GREATEST/LEAST functions (SQLite spells them MAX/MIN). */
  readonly greatestLeast?: readonly [greatest: string, least: string];
  /** Length in characters of a string expression (default: `LENGTH(x)`; MySQL's LENGTH counts bytes). */
  charLength?(sql: string): string;
  /** The current timestamp (default: `CURRENT_TIMESTAMP`). */
  readonly now?: string;
}
