import type { DatabaseBackend } from "../../db/backend.js";
import type { BaseSchemaEditor } from "../../db/schema-editor.js";
import type { ProjectState } from "../state.js";

/** What an operation's database step gets (Django passes schema_editor, from_state, to_state). */
export interface SchemaContext {
  readonly appLabel: string;
  readonly editor: BaseSchemaEditor;
  readonly backend: DatabaseBackend;
  readonly from: ProjectState;
  readonly to: ProjectState;
  /** The database alias (RunCode's `using`). */
  readonly using: string;
}

/** Raised when unapplying an operation that cannot be reversed (Django's `IrreversibleError`). */
export class IrreversibleError extends Error {
  override name = "IrreversibleError";
}

/**
 * One step of a migration (Django's `Operation`): how it changes the model state, and the
 * schema changes forwards and backwards. `deconstruct` gives the factory call the writer prints.
 */
export abstract class Operation {
  /** False for RunSQL/RunCode without a reverse. */
  readonly reversible: boolean = true;

  abstract stateForwards(appLabel: string, state: ProjectState): void;
  abstract databaseForwards(context: SchemaContext): Promise<void>;
  abstract databaseBackwards(context: SchemaContext): Promise<void>;
  /** One line for the migrate/makemigrations output (Django's `describe()`). */
  abstract describe(): string;
  /** `[factory name, its argument object]` for the writer. */
  abstract deconstruct(): [string, Record<string, unknown>];
  /** A fragment of an automatic migration name (`question_votes`), or null. */
  get migrationNameFragment(): string | null {
    return null;
  }
}
