import type { Features } from "../features.js";

export const mysqlFeatures: Features = {
  // MariaDB has INSERT ... RETURNING but MySQL does not; the insert id works on both.
  supportsReturning: false,
  supportsSelectForUpdate: true,
  supportsDistinctOn: false,
  // InnoDB checks foreign keys per statement; the deletion collector deletes children first.
  supportsDeferrableForeignKeys: false,
  // DDL commits the open transaction.
  supportsTransactionalDdl: false,
  // "You can't specify target table for update in FROM clause" (error 1093).
  updateCanSelfSelect: false,
  supportsMicroseconds: true,
  maxQueryParams: 65535,
  supportsIgnoreConflicts: true,
  supportsSetOperations: true,
  supportsExactDecimals: true,
  namesViolatedForeignKey: true,
};
