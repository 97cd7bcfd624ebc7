import type { DatabaseBackend, Executor } from "../db/backend.js";
import type { TableSpec } from "../db/schema.js";

const TABLE = "django_migrations";

/** Django's table, so that a database made by Django is recognised (and the other way round). */
const SPEC: TableSpec = {
  name: TABLE,
  columns: [
    { name: "id", type: "AutoField", nullable: false, primaryKey: true, unique: false },
    { name: "app", type: "CharField", maxLength: 255, nullable: false, primaryKey: false, unique: false },
    { name: "name", type: "CharField", maxLength: 255, nullable: false, primaryKey: false, unique: false },
    { name: "applied", type: "DateTimeField", nullable: false, primaryKey: false, unique: false },
  ],
  uniqueTogether: [],
  indexes: [],
};

/** Django's `MigrationRecorder`: which migrations a database has applied. */
export class MigrationRecorder {
  constructor(private readonly backend: DatabaseBackend) {}

  private q(name: string): string {
    return this.backend.ops.quoteName(name);
  }

  async hasTable(db: Executor = this.backend): Promise<boolean> {
    const names = (await db.query(this.backend.schema.tableNamesSql(), [])).map((r) => String(r[0]));
    return names.includes(TABLE);
  }

  async ensureTable(db: Executor = this.backend): Promise<void> {
    if (await this.hasTable(db)) return;
    for (const statement of this.backend.schema.createTable(SPEC)) await db.execute(statement, []);
  }

  /** `app.name` of every applied migration. */
  async applied(db: Executor = this.backend): Promise<Set<string>> {
    if (!(await this.hasTable(db))) return new Set();
    const rows = await db.query(`SELECT ${this.q("app")}, ${this.q("name")} FROM ${this.q(TABLE)}`, []);
    return new Set(rows.map((r) => `${String(r[0])}.${String(r[1])}`));
  }

  async recordApplied(db: Executor, app: string, name: string): Promise<void> {
    const p = (n: number) => this.backend.ops.placeholder(n);
    const now = this.backend.ops.toDb("DateTimeField", new Date());
    await db.execute(`INSERT INTO ${this.q(TABLE)} (${this.q("app")}, ${this.q("name")}, ${this.q("applied")}) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [app, name, now]);
  }

  async recordUnapplied(db: Executor, app: string, name: string): Promise<void> {
    const p = (n: number) => this.backend.ops.placeholder(n);
    await db.execute(`DELETE FROM ${this.q(TABLE)} WHERE ${this.q("app")} = ${p(1)} AND ${this.q("name")} = ${p(2)}`, [app, name]);
  }
}
