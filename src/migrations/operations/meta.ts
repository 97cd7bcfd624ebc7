import type { ModelStateOptions, ProjectState } from "../state.js";
import { alterModelTable } from "../sync.js";
import { Operation, type SchemaContext } from "./base.js";

type Index = NonNullable<ModelStateOptions["indexes"]>[number];
type Constraint = NonNullable<ModelStateOptions["constraints"]>[number];

/** An operation that changes one model's Meta and lets the editor find the schema difference. */
abstract class MetaOperation extends Operation {
  constructor(readonly modelName: string) {
    super();
  }

  protected abstract apply(options: ModelStateOptions): void;

  stateForwards(appLabel: string, state: ProjectState): void {
    this.apply(state.get(appLabel, this.modelName).options);
  }

  async databaseForwards({ appLabel, editor, from, to }: SchemaContext): Promise<void> {
    await alterModelTable(editor, from, from.get(appLabel, this.modelName), to, to.get(appLabel, this.modelName));
  }

  databaseBackwards(context: SchemaContext): Promise<void> {
    return this.databaseForwards(context);
  }
}

/** Django's `AlterUniqueTogether`. */
export class AlterUniqueTogetherOperation extends MetaOperation {
  constructor(modelName: string, readonly uniqueTogether: string[][]) {
    super(modelName);
  }

  protected apply(options: ModelStateOptions): void {
    if (this.uniqueTogether.length) options.uniqueTogether = this.uniqueTogether.map((g) => [...g]);
    else delete options.uniqueTogether;
  }

  describe(): string {
    return `Alter unique_together for ${this.modelName.toLowerCase()} (${this.uniqueTogether.length} constraint(s))`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["AlterUniqueTogether", { name: this.modelName.toLowerCase(), uniqueTogether: this.uniqueTogether }];
  }

  override get migrationNameFragment(): string {
    return `alter_${this.modelName.toLowerCase()}_unique_together`;
  }
}

/** Django's `AddIndex` (the index needs a name, as Django requires). */
export class AddIndexOperation extends MetaOperation {
  constructor(modelName: string, readonly index: Index) {
    super(modelName);
    if (!index.name) throw new TypeError("Indexes passed to AddIndex operations require a name argument.");
  }

  protected apply(options: ModelStateOptions): void {
    options.indexes = [...(options.indexes ?? []), { ...this.index, fields: [...this.index.fields] }];
  }

  describe(): string {
    return `Create index ${this.index.name} on field(s) ${this.index.fields.join(", ")} of model ${this.modelName.toLowerCase()}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["AddIndex", { modelName: this.modelName.toLowerCase(), index: this.index }];
  }

  override get migrationNameFragment(): string {
    return this.index.name!.toLowerCase();
  }
}

/** Django's `RemoveIndex`; backwards it needs the index from the earlier state. */
export class RemoveIndexOperation extends MetaOperation {
  constructor(modelName: string, readonly name: string) {
    super(modelName);
  }

  protected apply(options: ModelStateOptions): void {
    options.indexes = (options.indexes ?? []).filter((i) => i.name !== this.name);
    if (!options.indexes.length) delete options.indexes;
  }

  describe(): string {
    return `Remove index ${this.name} from ${this.modelName.toLowerCase()}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["RemoveIndex", { modelName: this.modelName.toLowerCase(), name: this.name }];
  }

  override get migrationNameFragment(): string {
    return `remove_${this.modelName.toLowerCase()}_${this.name.toLowerCase()}`;
  }
}

/** Django's `AddConstraint` (unique constraints, the kind torest models declare). */
export class AddConstraintOperation extends MetaOperation {
  constructor(modelName: string, readonly constraint: Constraint) {
    super(modelName);
  }

  protected apply(options: ModelStateOptions): void {
    options.constraints = [...(options.constraints ?? []), { ...this.constraint, fields: [...this.constraint.fields] }];
  }

  describe(): string {
    return `Create constraint ${this.constraint.name} on model ${this.modelName.toLowerCase()}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["AddConstraint", { modelName: this.modelName.toLowerCase(), constraint: this.constraint }];
  }

  override get migrationNameFragment(): string {
    return `${this.modelName.toLowerCase()}_${this.constraint.name.toLowerCase()}`;
  }
}

/** Django's `RemoveConstraint`. */
export class RemoveConstraintOperation extends MetaOperation {
  constructor(modelName: string, readonly name: string) {
    super(modelName);
  }

  protected apply(options: ModelStateOptions): void {
    options.constraints = (options.constraints ?? []).filter((c) => c.name !== this.name);
    if (!options.constraints.length) delete options.constraints;
  }

  describe(): string {
    return `Remove constraint ${this.name} from model ${this.modelName.toLowerCase()}`;
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["RemoveConstraint", { modelName: this.modelName.toLowerCase(), name: this.name }];
  }

  override get migrationNameFragment(): string {
    return `remove_${this.modelName.toLowerCase()}_${this.name.toLowerCase()}`;
  }
}
