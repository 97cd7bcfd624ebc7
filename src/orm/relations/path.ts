import type { Options } from "../model/options.js";

/**
 * One join step along a relation (Django's PathInfo). `direct` steps follow a foreign key
 * forwards; the last direct step of a lookup can be trimmed by comparing the key column itself.
 */
export interface PathHop {
  from: Options;
  to: Options;
  fromColumn: string;
  toColumn: string;
  /** Can match several rows of `to` per row of `from`. */
  multiValued: boolean;
  /** A row of `from` may have no row of `to` (needs LEFT OUTER JOIN). */
  nullable: boolean;
  direct: boolean;
}
