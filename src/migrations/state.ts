import type { Options } from "../orm/model/options.js";
import { deconstruct, descKey, type FieldDesc } from "./fields.js";

/** The Meta options migrations track (the ones that change the schema). */
export interface ModelStateOptions {
  dbTable?: string;
  uniqueTogether?: string[][];
  indexes?: { fields: string[]; name?: string }[];
  constraints?: { type: "unique"; fields: string[]; name: string }[];
}

/** A model as migrations know it at one point in history (Django's `ModelState`). */
export class ModelState {
  constructor(
    readonly appLabel: string,
    readonly name: string,
    /** Ordered [name, description] pairs; many-to-many included. */
    public fields: [string, FieldDesc][],
    public options: ModelStateOptions = {},
  ) {}

  get nameLower(): string {
    return this.name.toLowerCase();
  }

  get key(): string {
    return `${this.appLabel}.${this.nameLower}`;
  }

  get dbTable(): string {
    return this.options.dbTable ?? `${this.appLabel}_${this.nameLower}`;
  }

  field(name: string): FieldDesc | undefined {
    return this.fields.find(([n]) => n === name)?.[1];
  }

  clone(): ModelState {
    return new ModelState(this.appLabel, this.name, this.fields.map(([n, f]) => [n, f]), structuredCloneOptions(this.options));
  }

  /** Django's `ModelState.from_model`. */
  static fromOptions(options: Options): ModelState {
    const owner = { appLabel: options.appLabel, modelName: options.modelName };
    const fields: [string, FieldDesc][] = [...options.fields, ...options.manyToMany].map((f) => [f.name, deconstruct(f, owner)]);
    const meta = options.meta;
    const state: ModelStateOptions = {};
    if (meta.dbTable) state.dbTable = meta.dbTable;
    if (meta.uniqueTogether?.length) state.uniqueTogether = meta.uniqueTogether.map((g) => [...g]);
    if (meta.indexes?.length) state.indexes = meta.indexes.map((i) => ({ ...i, fields: [...i.fields] }));
    if (meta.constraints?.length) state.constraints = meta.constraints.map((c) => ({ ...c, fields: [...c.fields] }));
    return new ModelState(options.appLabel, options.objectName, fields, state);
  }

  /** Same schema-relevant content? */
  equals(other: ModelState): boolean {
    return this.name === other.name && descKey({ kind: "", options: { f: this.fields, o: this.options } }) ===
      descKey({ kind: "", options: { f: other.fields, o: other.options } });
  }
}

function structuredCloneOptions(options: ModelStateOptions): ModelStateOptions {
  return {
    ...options,
    ...(options.uniqueTogether ? { uniqueTogether: options.uniqueTogether.map((g) => [...g]) } : {}),
    ...(options.indexes ? { indexes: options.indexes.map((i) => ({ ...i, fields: [...i.fields] })) } : {}),
    ...(options.constraints ? { constraints: options.constraints.map((c) => ({ ...c, fields: [...c.fields] })) } : {}),
  };
}

/** Every model at one point in history (Django's `ProjectState`). */
export class ProjectState {
  readonly models = new Map<string, ModelState>();

  constructor(models: Iterable<ModelState> = []) {
    for (const model of models) this.models.set(model.key, model);
  }

  clone(): ProjectState {
    return new ProjectState([...this.models.values()].map((m) => m.clone()));
  }

  get(appLabel: string, name: string): ModelState {
    const model = this.models.get(`${appLabel}.${name.toLowerCase()}`);
    if (!model) throw new Error(`No model '${appLabel}.${name}' in the migration state (known: ${[...this.models.keys()].join(", ") || "none"}).`);
    return model;
  }

  find(label: string): ModelState | undefined {
    return this.models.get(label.toLowerCase());
  }

  add(model: ModelState): void {
    this.models.set(model.key, model);
  }

  remove(appLabel: string, name: string): void {
    this.models.delete(`${appLabel}.${name.toLowerCase()}`);
  }

  /** The state of the given models (auto-created through models are part of their owner's field). */
  static fromModels(models: Iterable<Options>): ProjectState {
    return new ProjectState([...models].filter((m) => !m.autoCreated).map((m) => ModelState.fromOptions(m)));
  }
}
