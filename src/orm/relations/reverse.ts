import type { Options } from "../model/options.js";
import type { ForeignKeyDef } from "./foreign-key.js";
import type { ManyToManyFieldDef } from "./many-to-many.js";
import type { PathHop } from "./path.js";

/**
 * The far side of a relation (Django's ForeignObjectRel): lives in the target model's
 * `relatedObjects` and answers lookups and accessors named there (`restaurant`, `waiter_set`).
 */
export class ReverseRelation {
  /** Can match several objects (reverse foreign key, many-to-many). */
  readonly multiple: boolean;
  readonly isManyToMany: boolean;
  /** Not reachable by name (`relatedName` ending in `+`, auto-created through models). */
  readonly hidden: boolean;
  readonly accessorName: string;
  readonly queryName: string;

  constructor(
    /** The field that declares the relation. */
    readonly field: ForeignKeyDef<any, boolean, boolean> | ManyToManyFieldDef<any>,
    /** The model declaring the field. */
    readonly relatedModel: Options,
    /** The model the field points to (where this reverse side lives). */
    readonly target: Options,
  ) {
    this.isManyToMany = "isManyToMany" in field;
    const oneToOne = !this.isManyToMany && (field as ForeignKeyDef<any, boolean, boolean>).oneToOne;
    this.multiple = !oneToOne;
    const relatedName = field.relatedName;
    this.hidden = (relatedName?.endsWith("+") ?? false) || relatedModel.autoCreated;
    this.accessorName = relatedName ?? (oneToOne ? relatedModel.modelName : `${relatedModel.modelName}_set`);
    this.queryName = field.relatedQueryName ?? relatedName ?? relatedModel.modelName;
  }

  /** Joins from the target model to the declaring model. */
  path(): PathHop[] {
    return this.field.reversePath();
  }

  get name(): string {
    return this.queryName;
  }
}
