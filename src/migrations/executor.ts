import type { DatabaseBackend, Executor } from "../db/backend.js";
import { IntegrityError } from "../db/errors.js";
import { schemaEditorFor, introspectionFor } from "../db/schema-editors.js";
import type { BaseSchemaEditor } from "../db/schema-editor.js";
import { atomic, executorFor } from "../db/transaction.js";
import type { MigrationGraph } from "./graph.js";
import type { Migration } from "./migration.js";
import { AddFieldOperation } from "./operations/fields.js";
import { CreateModelOperation } from "./operations/models.js";
import { MigrationRecorder } from "./recorder.js";
import { ProjectState } from "./state.js";
import { columnOf, isManyToMany } from "./table-spec.js";

/** One step of a plan: apply (or, `backwards`, unapply) a migration. */
export interface PlanStep {
  readonly migration: Migration;
  readonly backwards: boolean;
}

/** `[app, migration name]`, or `[app, null]` for `zero`. */
export type MigrateTarget = readonly [app: string, name: string | null];

/** The state after the given migrations (all of the graph by default), applied in dependency order. */
export function stateAfter(graph: MigrationGraph, keys: readonly string[] = graph.fullPlan()): ProjectState {
  const state = new ProjectState();
  for (const key of keys) {
    const migration = graph.get(key);
    for (const operation of migration.operations) operation.stateForwards(migration.appLabel, state);
  }
  return state;
}

/** Django's `MigrationExecutor`: plans and runs migrations on one database, recording them. */
export class MigrationExecutor {
  readonly recorder: MigrationRecorder;

  constructor(readonly graph: MigrationGraph, readonly backend: DatabaseBackend, readonly using = "default") {
    this.recorder = new MigrationRecorder(backend);
  }

  /** Django's `migration_plan`: what to apply or unapply to reach the targets (all leaves by default). */
  async plan(targets?: readonly MigrateTarget[]): Promise<PlanStep[]> {
    const applied = await this.recorder.applied();
    const all = targets ?? this.graph.leafNodes().map((k) => [this.graph.get(k).appLabel, this.graph.get(k).name] as const);
    const steps: PlanStep[] = [];
    const seen = new Set<string>();
    const push = (key: string, backwards: boolean) => {
      if (seen.has(key)) return;
      seen.add(key);
      steps.push({ migration: this.graph.get(key), backwards });
    };
    for (const [app, name] of all) {
      if (name === null) {
        for (const root of this.graph.rootNodes(app)) {
          for (const key of this.graph.backwardsPlan(root)) if (applied.has(key)) push(key, true);
        }
        continue;
      }
      const target = `${app}.${name}`;
      this.graph.get(target);
      if (applied.has(target)) {
        // Unapply what follows the target in its app (and what depends on that).
        for (const child of this.graph.childrenOf(target).filter((c) => this.graph.get(c).appLabel === app)) {
          for (const key of this.graph.backwardsPlan(child)) if (applied.has(key)) push(key, true);
        }
      } else {
        for (const key of this.graph.forwardsPlan(target)) if (!applied.has(key)) push(key, false);
      }
    }
    return steps;
  }

  /** The state before a migration: everything it depends on, applied. */
  stateBefore(migration: Migration): ProjectState {
    return stateAfter(this.graph, this.graph.forwardsPlan(migration.key).filter((k) => k !== migration.key));
  }

  /** States before each operation and after the last. */
  private states(migration: Migration): ProjectState[] {
    const states = [this.stateBefore(migration)];
    for (const operation of migration.operations) {
      const next = states[states.length - 1]!.clone();
      operation.stateForwards(migration.appLabel, next);
      states.push(next);
    }
    return states;
  }

  /** Runs the operations with a schema editor on `db` (forwards, or backwards in reverse order). */
  async runOperations(migration: Migration, editor: BaseSchemaEditor, backwards: boolean, after?: () => void): Promise<void> {
    const states = this.states(migration);
    const ops = migration.operations.map((operation, i) => ({ operation, i }));
    let count = 0;
    for (const { operation, i } of backwards ? ops.reverse() : ops) {
      if (after && count++ > 0) after();
      const context = { appLabel: migration.appLabel, editor, backend: this.backend, using: this.using };
      if (backwards) await operation.databaseBackwards({ ...context, from: states[i + 1]!, to: states[i]! });
      else await operation.databaseForwards({ ...context, from: states[i]!, to: states[i + 1]! });
    }
  }

  /** The SQL a migration would run (sqlmigrate), without running it. */
  async collectSql(migration: Migration, backwards = false): Promise<string[]> {
    return (await this.collectSqlByOperation(migration, backwards)).flat();
  }

  /** The statements of each operation, in the order they run. */
  async collectSqlByOperation(migration: Migration, backwards = false): Promise<string[][]> {
    const editor = schemaEditorFor(this.backend, this.backend, true);
    const groups: string[][] = [];
    let start = 0;
    const cut = () => {
      groups.push(editor.collected.slice(start));
      start = editor.collected.length;
    };
    await this.runOperations(migration, editor, backwards, cut);
    if (migration.operations.length) cut();
    return groups;
  }

  /**
   * Applies or unapplies one migration and records it: in one transaction on PostgreSQL and
   * SQLite (there with foreign key enforcement off while tables are rebuilt, and every key
   * checked before commit, as Django's SQLite editor does); statement by statement on MySQL.
   */
  async run(step: PlanStep, options: { fake?: boolean } = {}): Promise<void> {
    const { migration, backwards } = step;
    const record = async (db: Executor) => {
      if (backwards) await this.recorder.recordUnapplied(db, migration.appLabel, migration.name);
      else await this.recorder.recordApplied(db, migration.appLabel, migration.name);
    };
    await this.recorder.ensureTable();
    if (options.fake) return record(this.backend);
    const transactional = this.backend.features.supportsTransactionalDdl && migration.atomic;
    if (!transactional) {
      await this.runOperations(migration, schemaEditorFor(this.backend, this.backend), backwards);
      return record(this.backend);
    }
    const sqlite = this.backend.vendor === "sqlite";
    if (sqlite) await this.backend.execute("PRAGMA foreign_keys = OFF", []);
    try {
      await atomic(async () => {
        const db = executorFor(this.backend);
        await this.runOperations(migration, schemaEditorFor(this.backend, db), backwards);
        if (sqlite) {
          const broken = await db.query("PRAGMA foreign_key_check", []);
          if (broken.length) {
            const [table, rowid, parent] = broken[0]!;
            throw new IntegrityError(`The row in table '${String(table)}' with rowid ${String(rowid)} has an invalid foreign key: it points at no row of '${String(parent)}'.`, "foreignKey");
          }
        }
        await record(db);
      }, { using: this.using });
    } finally {
      if (sqlite) await this.backend.execute("PRAGMA foreign_keys = ON", []);
    }
  }

  /**
   * Django's `detect_soft_applied` for `--fake-initial`: an initial migration whose tables (and
   * added columns) all exist already is recorded without running.
   */
  async softApplied(migration: Migration): Promise<boolean> {
    if (!migration.initial) return false;
    const introspection = introspectionFor(this.backend);
    const tables = new Set(await introspection.tableNames(this.backend));
    const state = this.stateBefore(migration);
    let found = false;
    for (const operation of migration.operations) {
      operation.stateForwards(migration.appLabel, state);
      if (operation instanceof CreateModelOperation) {
        const model = state.get(migration.appLabel, operation.name);
        if (!tables.has(model.dbTable)) return false;
        found = true;
      } else if (operation instanceof AddFieldOperation) {
        const model = state.get(migration.appLabel, operation.modelName);
        const desc = model.field(operation.name)!;
        if (isManyToMany(desc)) continue;
        const info = await introspection.describe(this.backend, model.dbTable);
        if (!info?.columns.some((c) => c.name === columnOf(operation.name, desc))) return false;
        found = true;
      }
    }
    return found;
  }
}
