import type { Operations } from "../../db/operations.js";
import { ImproperlyConfigured, InvalidOperation, ModelTypeError } from "../errors.js";
import { Field, type FieldOptions, type NullOf, type PkOf } from "../fields/field.js";
import { apps } from "../model/registry.js";
import type { Options } from "../model/options.js";
import { defineForwardAccessor } from "./accessors/forward.js";
import { accessorInstallers } from "./accessor-hooks.js";
import { resolveModelRef, type ModelRef } from "./model-ref.js";
import type { OnDelete } from "./on-delete.js";
import type { PathHop } from "./path.js";
import { ReverseRelation } from "./reverse.js";

export interface ForeignKeyOptions extends FieldOptions<unknown> {
  onDelete: OnDelete;
  /** Accessor name on the target (`choices` instead of `choice_set`); end with `+` to hide it. */
  relatedName?: string;
  /** Name used in lookups from the target (defaults to relatedName, then the model name). */
  relatedQueryName?: string;
  /** Target field to reference (defaults to the target's primary key). */
  toField?: string;
}

const ON_DELETE_KINDS = new Set<unknown>(["CASCADE", "PROTECT", "RESTRICT", "SET_NULL", "SET_DEFAULT", "SET", "DO_NOTHING"]);

const AUTO_TO_PLAIN: Record<string, string> = { AutoField: "IntegerField", BigAutoField: "BigIntegerField", SmallAutoField: "SmallIntegerField" };

/**
 * A many-to-one (or, with `oneToOne`, one-to-one) relation. The model gets `<name>_id` holding
 * the key and an awaitable `<name>` accessor; the target gets the reverse accessor.
 */
export class ForeignKeyDef<M = unknown, Null extends boolean = boolean, Pk extends boolean = boolean> extends Field<unknown, Null, Pk> {
  declare readonly __target?: M;
  override readonly isRelation = true;
  readonly onDelete: OnDelete;
  readonly relatedName?: string;
  readonly relatedQueryName?: string;
  /** The target model, once resolved. */
  remote!: Options;
  /** The target's referenced field. */
  targetField!: Field;
  reverse!: ReverseRelation;
  private resolved = false;

  constructor(readonly to: ModelRef<M>, readonly oneToOne: boolean, options: ForeignKeyOptions) {
    super({ ...options, unique: options.unique || oneToOne }, {
      invalid: "%(model)s instance with %(field)s %(value)r does not exist.",
    });
    // Django's model checks (on_delete required, fields.E320, fields.E321), at declaration.
    // Django raises TypeError for a missing or non-callable on_delete.
    if (!ON_DELETE_KINDS.has(options?.onDelete?.kind)) {
      throw new ModelTypeError(`${oneToOne ? "OneToOneField" : "ForeignKey"} needs onDelete (CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, SET(...) or DO_NOTHING).`);
    }
    if (options.onDelete.kind === "SET_NULL" && !options.null) {
      throw new ImproperlyConfigured("Field specifies onDelete=SET_NULL, but cannot be null. Set null: true or change the onDelete rule.");
    }
    if (options.onDelete.kind === "SET_DEFAULT" && options.default === undefined) {
      throw new ImproperlyConfigured("Field specifies onDelete=SET_DEFAULT, but has no default value. Set a default or change the onDelete rule.");
    }
    this.onDelete = options.onDelete;
    this.relatedName = options.relatedName;
    this.relatedQueryName = options.relatedQueryName;
  }

  get kind(): string {
    return this.oneToOne ? "OneToOneField" : "ForeignKey";
  }

  get internalType() {
    const target = this.requireResolved().targetField.internalType;
    return (AUTO_TO_PLAIN[target] ?? target) as Field["internalType"];
  }

  override contribute(name: string): void {
    super.contribute(name);
    this.attname = `${name}_id`;
    this.column = this.options.dbColumn ?? this.attname;
  }

  /** Start resolving the target; completes now or when the target model is bound. */
  resolveRelation(): void {
    apps.defer({ resolve: () => this.tryResolve() });
  }

  private tryResolve(): boolean {
    if (this.resolved) return true;
    const remote = resolveModelRef(this.to as ModelRef, this.model);
    if (!remote) return false;
    this.remote = remote;
    const toField = this.options as ForeignKeyOptions;
    this.targetField = toField.toField ? remote.getField(toField.toField) as Field : remote.pk;
    this.reverse = new ReverseRelation(this, this.model, remote);
    remote.addRelatedObject(this.reverse);
    if (!this.reverse.hidden) accessorInstallers().reverse(remote, this.reverse);
    this.resolved = true;
    return true;
  }

  requireResolved(): this {
    if (!this.resolved) {
      apps.resolvePending();
      if (!this.resolved) {
        throw new InvalidOperation(
          `Related model of ${this.describe()} cannot be resolved: ${typeof this.to === "string" ? `'${this.to}'` : "its class"} is not defined or not yet used.`,
        );
      }
    }
    return this;
  }

  /** Define the forward accessor on the model's prototype. */
  installAccessor(prototype: object): void {
    defineForwardAccessor(prototype, this);
  }

  override toJs(value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const target = this.requireResolved().targetField;
    if (typeof value === "object" && value !== null && !(value instanceof Date)) {
      return (value as Record<string, unknown>)[target.attname];
    }
    return target.toJs(value);
  }

  override toDb(ops: Operations, value: unknown): unknown {
    return this.requireResolved().targetField.toDb(ops, value);
  }

  override fromDb(ops: Operations, value: unknown): unknown {
    return this.requireResolved().targetField.fromDb(ops, value);
  }

  /** Join from this model to the target. */
  forwardPath(): PathHop[] {
    const { remote, targetField } = this.requireResolved();
    return [{ from: this.model, to: remote, fromColumn: this.column, toColumn: targetField.column, multiValued: false, nullable: this.null, direct: true }];
  }

  /** Join from the target back to this model. */
  reversePath(): PathHop[] {
    const { remote, targetField } = this.requireResolved();
    return [{ from: remote, to: this.model, fromColumn: targetField.column, toColumn: this.column, multiValued: !this.oneToOne, nullable: true, direct: false }];
  }
}

/** Target model class of a ref (`() => Place` → typeof Place); strings give any model. */
type TargetOf<R> = R extends () => infer M ? M : unknown;

/** Django's `ForeignKey(to, on_delete=...)`. */
export function ForeignKey<R extends ModelRef, const O extends ForeignKeyOptions>(to: R, options: O): ForeignKeyDef<TargetOf<R>, NullOf<O>, PkOf<O>> {
  return new ForeignKeyDef(to as ModelRef<TargetOf<R>>, false, options);
}

/** Django's `OneToOneField(to, on_delete=...)`: a unique foreign key with a single reverse object. */
export function OneToOneField<R extends ModelRef, const O extends ForeignKeyOptions>(to: R, options: O): ForeignKeyDef<TargetOf<R>, NullOf<O>, PkOf<O>> {
  return new ForeignKeyDef(to as ModelRef<TargetOf<R>>, true, options);
}

