import type { Operation } from "./operations/base.js";

/** `[appLabel, migrationName]`, as Django writes dependencies. */
export type MigrationKey = readonly [app: string, name: string];

export interface MigrationSpec {
  /** Migrations that must be applied first (`["polls", "0001_initial"]`; `__first__` for an app's first). */
  dependencies?: readonly MigrationKey[];
  operations: readonly Operation[];
  /** The first migration of an app (`--fake-initial` may adopt existing tables for it). */
  initial?: boolean;
  /** Run outside a transaction (PostgreSQL, SQLite), e.g. for statements that refuse one. */
  atomic?: boolean;
  /** Migrations this one replaces (squashed). */
  replaces?: readonly MigrationKey[];
}

/**
 * One migration file's content (Django's `Migration` class). A file exports it as default:
 *
 * ```ts
 * import { Migration, AddField } from "torest/migrations";
 * import { IntegerField } from "torest";
 * export default new Migration({
 *   dependencies: [["polls", "0001_initial"]],
 *   operations: [AddField({ modelName: "question", name: "votes", field: IntegerField({ default: 0 }) })],
 * });
 * ```
 */
export class Migration {
  readonly dependencies: readonly MigrationKey[];
  readonly operations: readonly Operation[];
  readonly initial: boolean;
  readonly atomic: boolean;
  readonly replaces: readonly MigrationKey[];
  /** Set by the loader from the file's folder and name. */
  appLabel = "";
  name = "";

  constructor(spec: MigrationSpec) {
    this.dependencies = spec.dependencies ?? [];
    this.operations = spec.operations;
    this.initial = spec.initial ?? false;
    this.atomic = spec.atomic ?? true;
    this.replaces = spec.replaces ?? [];
  }

  get key(): string {
    return `${this.appLabel}.${this.name}`;
  }
}
