import type { Features } from "../features.js";

export const postgresFeatures: Features = {
  supportsReturning: true,
  supportsSelectForUpdate: true,
  supportsDistinctOn: true,
  supportsDeferrableForeignKeys: true,
  supportsTransactionalDdl: true,
  updateCanSelfSelect: true,
  supportsMicroseconds: true,
  // The wire protocol counts parameters in a 16-bit field.
  maxQueryParams: 65535,
  supportsIgnoreConflicts: true,
  supportsSetOperations: true,
  supportsExactDecimals: true,
  namesViolatedForeignKey: true,
  requiresCastedCaseInUpdates: true,
  upsertNeedsConflictTarget: true,
};
