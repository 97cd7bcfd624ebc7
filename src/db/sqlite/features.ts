import type { Features } from "../features.js";

export const sqliteFeatures: Features = {
  supportsReturning: true,
  insertIdIsGeneratedKey: true,
  supportsSelectForUpdate: false,
  supportsDistinctOn: false,
  supportsDeferrableForeignKeys: true,
  supportsTransactionalDdl: true,
  updateCanSelfSelect: true,
  supportsMicroseconds: true,
  maxQueryParams: 32766,
  supportsIgnoreConflicts: true,
  supportsSetOperations: true,
  supportsExactDecimals: false,
  namesViolatedForeignKey: false,
  upsertNeedsConflictTarget: true,
};
