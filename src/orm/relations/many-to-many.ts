import { ImproperlyConfigured, InvalidOperation } from "../errors.js";
import { defineModel } from "../model/define.js";
import { optionsOf } from "../model/meta-of.js";
import type { Options } from "../model/options.js";
import { apps } from "../model/registry.js";
import { accessorInstallers } from "./accessor-hooks.js";
import { ForeignKeyDef } from "./foreign-key.js";
import { resolveModelRef, type ModelRef } from "./model-ref.js";
import { CASCADE } from "./on-delete.js";
import type { PathHop } from "./path.js";
import { ReverseRelation } from "./reverse.js";

export interface ManyToManyOptions {
  relatedName?: string;
  relatedQueryName?: string;
  /** An explicit intermediate model with foreign keys to both sides. */
  through?: ModelRef;
  /** For relations to "self": is the relation mutual? (default true, as in Django). */
  symmetrical?: boolean;
  dbTable?: string;
  blank?: boolean;
  helpText?: string;
  verboseName?: string;
}

/**
 * Many-to-many through an intermediate table. Without `through`, torest creates the
 * intermediate model `<Model>_<field>` with table `<app>_<model>_<field>`, as Django does.
 */
export class ManyToManyFieldDef<M = unknown> {
  declare readonly __target?: M;
  readonly isManyToMany = true;
  readonly isRelation = true;
  readonly concrete = false;
  readonly primaryKey = false;
  readonly null = false;
  readonly editable = true;
  readonly kind = "ManyToManyField";
  name = "";
  attname = "";
  model!: Options;
  remote!: Options;
  through!: Options;
  /** Through-model key pointing at this field's model, and the one pointing at the target. */
  fromField!: ForeignKeyDef;
  toField!: ForeignKeyDef;
  reverse!: ReverseRelation;
  readonly symmetrical: boolean;
  readonly relatedName?: string;
  readonly relatedQueryName?: string;
  private resolved = false;

  constructor(readonly to: ModelRef<M>, readonly options: ManyToManyOptions = {}) {
    this.symmetrical = options.symmetrical ?? to === "self";
    this.relatedName = this.symmetrical && to === "self" ? undefined : options.relatedName;
    this.relatedQueryName = options.relatedQueryName;
  }

  get blank(): boolean {
    return this.options.blank ?? false;
  }

  get verboseName(): string {
    return this.options.verboseName ?? this.name.replace(/_/g, " ");
  }

  contribute(name: string): void {
    this.name = name;
    this.attname = name;
  }

  resolveRelation(): void {
    apps.defer({ resolve: () => this.tryResolve() });
  }

  private tryResolve(): boolean {
    if (this.resolved) return true;
    const remote = resolveModelRef(this.to as ModelRef, this.model);
    if (!remote) return false;
    let through: Options | undefined;
    if (this.options.through) {
      through = resolveModelRef(this.options.through, this.model);
      if (!through) return false;
    }
    this.remote = remote;
    this.through = through ?? this.createThrough(remote);
    this.findThroughKeys();
    this.reverse = new ReverseRelation(this, this.model, remote);
    if (this.symmetrical && remote === this.model) (this.reverse as { hidden: boolean }).hidden = true;
    remote.addRelatedObject(this.reverse);
    accessorInstallers().manyToMany(this.model, this.name, this, false);
    if (!this.reverse.hidden) accessorInstallers().manyToMany(remote, this.reverse.accessorName, this, true);
    this.resolved = true;
    return true;
  }

  private createThrough(remote: Options): Options {
    const self = remote === this.model;
    const from = self ? `from_${this.model.modelName}` : this.model.modelName;
    const to = self ? `to_${remote.modelName}` : remote.modelName;
    const owner = this.model;
    const hidden = `${owner.objectName}_${this.name}+`;
    const throughClass = defineModel(owner.appLabel, {
      [from]: new ForeignKeyDef(() => owner.model, false, { onDelete: CASCADE, relatedName: hidden }),
      [to]: new ForeignKeyDef(() => remote.model, false, { onDelete: CASCADE, relatedName: hidden }),
    }, {
      name: `${owner.objectName}_${this.name}`,
      dbTable: this.options.dbTable ?? `${owner.dbTable}_${this.name}`,
      uniqueTogether: [[from, to]],
      autoCreated: true,
      ...(owner.meta.historical ? { historical: true } : {}),
    });
    return optionsOf(throughClass);
  }

  private findThroughKeys(): void {
    const keys = this.through.fields.filter((f): f is ForeignKeyDef => f instanceof ForeignKeyDef);
    for (const key of keys) key.requireResolved();
    const toOwner = keys.filter((k) => k.remote === this.model);
    const from = toOwner[0];
    // A relation to "self": the first key to the model is the source, the second the target.
    const to = this.remote === this.model ? toOwner[1] : keys.find((k) => k.remote === this.remote);
    if (!from || !to) {
      throw new ImproperlyConfigured(
        `The through model ${this.through.label} of ${this.model.objectName}.${this.name} needs foreign keys to ${this.model.objectName} and ${this.remote.objectName}.`,
      );
    }
    this.fromField = from;
    this.toField = to;
  }

  requireResolved(): this {
    if (!this.resolved) {
      apps.resolvePending();
      if (!this.resolved) throw new InvalidOperation(`Related model of ${this.model.objectName}.${this.name} cannot be resolved.`);
    }
    return this;
  }

  /** Owner → through → target. */
  forwardPath(): PathHop[] {
    this.requireResolved();
    return [...this.fromField.reversePath(), ...this.toField.forwardPath()];
  }

  /** Target → through → owner. */
  reversePath(): PathHop[] {
    this.requireResolved();
    return [...this.toField.reversePath(), ...this.fromField.forwardPath()];
  }
}

type TargetOf<R> = R extends () => infer M ? M : unknown;

/** Django's `ManyToManyField(to)`. */
export function ManyToManyField<R extends ModelRef>(to: R, options?: ManyToManyOptions): ManyToManyFieldDef<TargetOf<R>> {
  return new ManyToManyFieldDef(to as ModelRef<TargetOf<R>>, options);
}
