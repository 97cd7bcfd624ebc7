import { HistoricalApps } from "../historical.js";
import type { ProjectState } from "../state.js";
import { IrreversibleError, Operation, type SchemaContext } from "./base.js";

type Sql = string | readonly string[];

/** Django's `RunSQL`: statements as given; irreversible without `reverseSql`. */
export class RunSQLOperation extends Operation {
  override readonly reversible: boolean;

  constructor(readonly sql: Sql, readonly reverseSql?: Sql) {
    super();
    this.reversible = reverseSql !== undefined;
  }

  stateForwards(): void {}

  private async run(context: SchemaContext, sql: Sql): Promise<void> {
    for (const statement of typeof sql === "string" ? [sql] : sql) if (statement.trim()) await context.editor.execute(statement);
  }

  databaseForwards(context: SchemaContext): Promise<void> {
    return this.run(context, this.sql);
  }

  async databaseBackwards(context: SchemaContext): Promise<void> {
    if (this.reverseSql === undefined) throw new IrreversibleError(`Operation ${this.describe()} is not reversible`);
    await this.run(context, this.reverseSql);
  }

  describe(): string {
    return "Raw SQL operation";
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["RunSQL", { sql: this.sql, ...(this.reverseSql !== undefined ? { reverseSql: this.reverseSql } : {}) }];
  }
}

/** The function of a RunCode: historical models and the database alias. */
export type MigrationCode = (apps: HistoricalApps, context: { readonly using: string }) => Promise<void> | void;

/** A RunCode whose reverse does nothing (Django's `RunPython.noop`). */
export const noop: MigrationCode = () => undefined;

/** Django's `RunPython`, for data migrations: the function sees the models as they are at this point. */
export class RunCodeOperation extends Operation {
  override readonly reversible: boolean;

  constructor(readonly code: MigrationCode, readonly reverseCode?: MigrationCode) {
    super();
    this.reversible = reverseCode !== undefined;
  }

  stateForwards(_appLabel: string, _state: ProjectState): void {}

  async databaseForwards(context: SchemaContext): Promise<void> {
    if (context.editor.collectOnly) return;
    await this.code(new HistoricalApps(context.from), { using: context.using });
  }

  async databaseBackwards(context: SchemaContext): Promise<void> {
    if (!this.reverseCode) throw new IrreversibleError(`Operation ${this.describe()} is not reversible`);
    if (context.editor.collectOnly) return;
    await this.reverseCode(new HistoricalApps(context.from), { using: context.using });
  }

  describe(): string {
    return "Raw code operation";
  }

  deconstruct(): [string, Record<string, unknown>] {
    return ["RunCode", { code: this.code, ...(this.reverseCode ? { reverseCode: this.reverseCode } : {}) }];
  }
}
