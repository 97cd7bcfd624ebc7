import type { ColumnInfo, TableInfo } from "../db/introspection.js";

/** A field kind with its options, guessed from a column's database type (Django's `get_field_type`). */
function fieldKind(column: ColumnInfo): { kind: string; options: Record<string, unknown>; note?: string } {
  const t = column.dbType;
  if (column.primaryKey && column.autoIncrement) return { kind: /big/.test(t) || t === "integer" ? "BigAutoField" : "AutoField", options: {} };
  if (/^(character varying|varchar)/.test(t)) return { kind: "CharField", options: { maxLength: column.maxLength ?? 255 } };
  if (/^(character|char)\b/.test(t)) return { kind: "CharField", options: { maxLength: column.maxLength ?? 1 } };
  if (/^(text|longtext|mediumtext|tinytext)$/.test(t)) return { kind: "TextField", options: {} };
  if (/^(bool|boolean|tinyint\(1\))$/.test(t)) return { kind: "BooleanField", options: {} };
  if (/^(bigint|int8)/.test(t)) return { kind: "BigIntegerField", options: {} };
  if (/^(smallint|int2|tinyint)/.test(t)) return { kind: "SmallIntegerField", options: {} };
  if (/^(integer|int|int4|mediumint)/.test(t)) return { kind: "IntegerField", options: {} };
  if (/^(real|double|float)/.test(t)) return { kind: "FloatField", options: {} };
  if (/^(numeric|decimal)/.test(t)) {
    if (column.precision === undefined) return { kind: "DecimalField", options: { maxDigits: 10, decimalPlaces: 5 }, note: "maxDigits and decimalPlaces have been guessed, as this database handles decimal fields as float" };
    return { kind: "DecimalField", options: { maxDigits: column.precision, decimalPlaces: column.scale ?? 0 } };
  }
  if (/^(timestamp|datetime)/.test(t)) return { kind: "DateTimeField", options: {} };
  if (t === "date") return { kind: "DateField", options: {} };
  if (t === "uuid") return { kind: "UUIDField", options: {} };
  if (/^json/.test(t)) return { kind: "JSONField", options: {} };
  return { kind: "TextField", options: {}, note: "This field type is a guess." };
}

/** `one_to_one_place` → `Place` (without the app prefix) as Django's `table2model` titles it. */
function className(table: string, appLabel: string): string {
  const rest = table.startsWith(`${appLabel}_`) ? table.slice(appLabel.length + 1) : table;
  const name = rest.replace(/(^|[^a-zA-Z0-9]+)([a-zA-Z0-9])/g, (_m, _s, c: string) => c.toUpperCase()).replace(/[^a-zA-Z0-9]/g, "");
  return /^\d/.test(name) ? `T${name}` : name;
}

/** The label torest models get: the prefix every table shares (`one_to_one_`), else `legacy`. */
export function guessAppLabel(tables: readonly string[]): string {
  if (!tables.length) return "legacy";
  let prefix = tables[0]!;
  for (const t of tables) while (!t.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf("_");
  const label = cut > 0 ? prefix.slice(0, cut) : "";
  return /^[a-z][a-z0-9_]*$/.test(label) && tables.every((t) => t.length > label.length + 1) ? label : "legacy";
}

const literal = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));
const objectText = (options: Record<string, unknown>) => {
  const entries = Object.entries(options);
  return entries.length ? `{ ${entries.map(([k, v]) => `${k}: ${k === "onDelete" ? String(v) : literal(v)}`).join(", ")} }` : "";
};

/**
 * Django's `inspectdb`: TypeScript models for existing tables, ready to edit. Foreign keys use
 * DO_NOTHING (as Django writes them); `dbTable`/`dbColumn` appear only where torest's names differ.
 */
export function renderModels(tables: readonly TableInfo[], appLabel: string): string {
  const names = new Map(tables.map((t) => [t.name, className(t.name, appLabel)]));
  const imports = new Set<string>(["Model"]);
  const blocks: string[] = [];
  for (const table of tables) {
    const cls = names.get(table.name)!;
    const lines: string[] = [];
    const foreign = new Map(table.constraints.filter((c) => c.kind === "foreignKey" && c.columns.length === 1).map((c) => [c.columns[0]!, c.references!]));
    const uniqueColumns = new Set(table.constraints.filter((c) => (c.kind === "unique" || (c.kind === "index" && c.unique)) && c.columns.length === 1).map((c) => c.columns[0]!));
    const fieldNames = new Map<string, string>();
    for (const column of table.columns) {
      const reference = foreign.get(column.name);
      const comments: string[] = [];
      let name = column.name.toLowerCase().replace(/[^a-z0-9_]/g, "_").replace(/_+$/, "").replace(/__+/g, "_");
      if (reference) name = name.replace(/_id$/, "") || name;
      if (name === "pk" || /^\d/.test(name)) name = `field_${name}`;
      fieldNames.set(column.name, name);
      const options: Record<string, unknown> = {};
      let call: string;
      if (reference) {
        const unique = uniqueColumns.has(column.name) || column.primaryKey;
        const kind = unique ? "OneToOneField" : "ForeignKey";
        imports.add(kind).add("DO_NOTHING");
        const target = names.get(reference.table);
        const targetInfo = tables.find((t) => t.name === reference.table);
        const targetPk = targetInfo?.columns.find((c) => c.primaryKey)?.name;
        const to = reference.table === table.name ? '"self"' : target ? `() => ${target}` : JSON.stringify(`${appLabel}.${className(reference.table, appLabel)}`);
        options.onDelete = "DO_NOTHING";
        if (targetPk && reference.column !== targetPk) options.toField = reference.column;
        if (column.primaryKey) options.primaryKey = true;
        if (column.name !== `${name}_id`) options.dbColumn = column.name;
        if (column.nullable) Object.assign(options, { null: true, blank: true });
        call = `${kind}(${to}, ${objectText(options)})`;
      } else {
        const guess = fieldKind(column);
        if (guess.note) comments.push(guess.note);
        if (guess.kind.endsWith("AutoField") && name === "id" && guess.kind === "BigAutoField") continue; // torest's implicit key
        imports.add(guess.kind);
        Object.assign(options, guess.options);
        if (column.primaryKey && !guess.kind.endsWith("AutoField")) options.primaryKey = true;
        if (uniqueColumns.has(column.name) && !column.primaryKey) options.unique = true;
        if (column.name !== name) options.dbColumn = column.name;
        if (column.nullable) Object.assign(options, { null: true, blank: true });
        call = `${guess.kind}(${objectText(options)})`;
      }
      lines.push(`  ${name}: ${call},${comments.length ? ` // ${comments.join(" ")}` : ""}`);
    }
    const meta: string[] = [];
    if (table.name !== `${appLabel}_${cls.toLowerCase()}`) meta.push(`dbTable: ${JSON.stringify(table.name)}`);
    const together = table.constraints.filter((c) => (c.kind === "unique" || (c.kind === "index" && c.unique)) && c.columns.length > 1)
      .map((c) => `[${c.columns.map((col) => JSON.stringify(fieldNames.get(col) ?? col)).join(", ")}]`);
    if (together.length) meta.push(`uniqueTogether: [${together.join(", ")}]`);
    blocks.push(`export class ${cls} extends Model(${JSON.stringify(appLabel)}, {\n${lines.join("\n")}\n}${meta.length ? `, { ${meta.join(", ")} }` : ""}) {}\n`);
  }
  return [
    "// Models generated by `torest inspectdb` from an existing database. Review them before use:",
    "//   * fields and their options are guessed from the column types;",
    "//   * foreign keys use DO_NOTHING: choose the onDelete you want;",
    "//   * add relatedName where two relations to one model clash.",
    `import { ${[...imports].sort().join(", ")} } from "torest";`,
    "",
    ...blocks,
  ].join("\n");
}
