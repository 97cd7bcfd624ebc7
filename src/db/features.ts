/**
 * What a backend can do. The ORM and the tests ask for capabilities, never for vendor names
 * (Django's `connection.features`).
 */
export interface Features {
  /** INSERT ... RETURNING gives back generated keys (else the driver's insert id is used). */
  readonly supportsReturning: boolean;
  /**
   * A one-row INSERT reports the generated integer key itself (SQLite's `last_insert_rowid()`,
   * the auto key being the rowid), so `save()` asks for no RETURNING, which costs SQLite a result
   * row per insert. Absent: false.
   */
  readonly insertIdIsGeneratedKey?: boolean;
  /** SELECT ... FOR UPDATE. */
  readonly supportsSelectForUpdate: boolean;
  /** SELECT DISTINCT ON (fields). */
  readonly supportsDistinctOn: boolean;
  /** Foreign keys can be checked at commit instead of per statement. */
  readonly supportsDeferrableForeignKeys: boolean;
  /** Transactional DDL (CREATE TABLE inside a transaction can be rolled back). */
  readonly supportsTransactionalDdl: boolean;
  /** A DELETE/UPDATE may reference its own table in a subquery. */
  readonly updateCanSelfSelect: boolean;
  /** Timestamps keep microseconds. */
  readonly supportsMicroseconds: boolean;
  /** The most parameters a single statement accepts. */
  readonly maxQueryParams: number;
  /** INSERT that ignores conflicting rows. */
  readonly supportsIgnoreConflicts: boolean;
  /** UNION / INTERSECT / EXCEPT of two selects. */
  readonly supportsSetOperations: boolean;
  /** Decimal columns keep every digit (SQLite's keep about 15 significant digits, as floats). */
  readonly supportsExactDecimals: boolean;
  /** A foreign key violation names the constraint (SQLite only says that one failed). */
  readonly namesViolatedForeignKey: boolean;
  /**
   * A CASE whose branches are untyped parameters must be cast to the column's type in an UPDATE
   * (PostgreSQL infers text otherwise); used by `bulkUpdate`. Absent: false.
   */
  readonly requiresCastedCaseInUpdates?: boolean;
  /** `bulkCreate({ updateConflicts })` must name the unique fields of the conflict (all but MySQL). */
  readonly upsertNeedsConflictTarget?: boolean;
}
