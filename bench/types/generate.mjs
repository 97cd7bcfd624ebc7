#!/usr/bin/env node
/**
 * Type-check cost of typed lookup keys: writes a 50-model project (forward keys, many-to-many,
 * declared reverse managers, queries across up to three relations in every file) into
 * `.bench/types/<mode>/`, where <mode> is `typed` (keys as written) or `untyped` (the same keys
 * cast to `Lookups` / `string`, which the typed signatures pass through unchecked).
 *
 *   node bench/types/generate.mjs typed && npx tsc -p .bench/types/typed/tsconfig.json --extendedDiagnostics
 *   node bench/types/generate.mjs untyped && npx tsc -p .bench/types/untyped/tsconfig.json --extendedDiagnostics
 *
 * `node bench/types/generate.mjs run [rounds]` generates both and times them alternately.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const MODELS = 50;

function modelFile(i, typed) {
  const obj = (text) => (typed ? text : `(${text} as Lookups)`);
  const str = (text) => (typed ? text : `(${text} as string)`);
  const imports = new Set();
  const fields = ["  name: CharField({ maxLength: 50 }),", "  count: IntegerField({ default: 0 }),", "  made: DateField({ null: true }),"];
  if (i >= 1) { fields.push(`  parent: ForeignKey(() => M${i - 1}, { onDelete: CASCADE }),`); imports.add(i - 1); }
  if (i >= 2) { fields.push(`  other: ForeignKey(() => M${i >> 1}, { onDelete: CASCADE, null: true, relatedName: "others${i}" }),`); imports.add(i >> 1); }
  if (i >= 1) fields.push(`  tags: ManyToManyField(() => M${i - 1}, { relatedName: "tagged${i}" }),`);
  const reverse = [];
  if (i + 1 < MODELS) reverse.push(`  declare m${i + 1}_set: RelatedManager<M${i + 1}>;`, `  declare tagged${i + 1}: ManyRelatedManager<M${i + 1}>;`);
  for (let j = 2 * i; j <= 2 * i + 1; j++) if (j >= 2 && j < MODELS && j !== i) reverse.push(`  declare others${j}: RelatedManager<M${j}>;`);
  const typeImports = new Set([i + 1, 2 * i, 2 * i + 1].filter((j) => j > i && j < MODELS));
  const queries = [
    `  await M${i}.objects.filter(${obj(`{ name__startswith: "a", count__gte: 1, made__year__lt: 2030, pk__in: [1, 2] }`)});`,
    `  await M${i}.objects.exclude(${obj(`{ name__icontains: "x" }`)}).orderBy(${str(`"-name"`)}, ${str(`"count"`)});`,
    `  await M${i}.objects.values(${str(`"name"`)}, ${str(`"count"`)});`,
  ];
  if (i >= 1) queries.push(
    `  await M${i}.objects.filter(${obj(`{ parent__name: "p", parent_id__in: [1], tags__count__gt: 2 }`)}).selectRelated(${str(`"parent"`)});`,
    `  await M${i}.objects.orderBy(${str(`"-parent__name"`)}).prefetchRelated(${str(`"tags"`)});`,
  );
  if (i >= 3) queries.push(
    `  await M${i}.objects.filter(${obj(`{ parent__parent__parent__name__iexact: "x", other__made__year: 2024 }`)});`,
    `  await M${i}.objects.get(${obj(`{ parent__m${i}_set__name: "x", parent__parent__tagged${i - 1}__count__isnull: false }`)});`,
    `  await M${i}.objects.values(${str(`"parent__parent__name"`)}).orderBy(${str(`"parent__count"`)});`,
    `  await M${i}.objects.selectRelated(${str(`"parent__parent__parent"`)}).valuesList(${str(`"other__name"`)}, { flat: true });`,
  );
  if (i + 1 < MODELS) queries.push(`  await M${i}.objects.filter(${obj(`{ m${i + 1}__name__startswith: "x", tagged${i + 1}__count: 3 }`)});`);
  return [
    `import { CASCADE, CharField, DateField, ForeignKey, IntegerField, ManyToManyField, Model, type Lookups, type Manager, type ManyRelatedManager, type RelatedManager } from "torest";`,
    ...[...imports].map((j) => `import { M${j} } from "./m${j}.js";`),
    ...[...typeImports].map((j) => `import type { M${j} } from "./m${j}.js";`),
    "",
    `export class M${i} extends Model("bench", {`,
    ...fields,
    "}) {",
    `  declare static objects: Manager<M${i}>;`,
    ...reverse,
    "}",
    "",
    `export async function queries${i}(): Promise<void> {`,
    ...queries,
    "}",
    "",
  ].join("\n");
}

function generate(mode) {
  const dir = join(root, ".bench/types", mode);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < MODELS; i++) writeFileSync(join(dir, `m${i}.ts`), modelFile(i, mode === "typed"));
  const tsconfig = {
    extends: join(root, "tsconfig.json"),
    compilerOptions: { noEmit: true, rootDir: root, noUnusedLocals: false, paths: { torest: [join(root, "src/index.ts")] } },
    include: [join(dir, "*.ts")],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  return dir;
}

function time(dir) {
  const out = execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.json"), "--extendedDiagnostics"], { encoding: "utf8" });
  const get = (label, unit = "s") => Number(new RegExp(`${label}:\\s+([\\d.]+)${unit}`).exec(out)?.[1]);
  return { check: get("Check time"), total: get("Total time"), instantiations: get("Instantiations", "") };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const mode = process.argv[2] ?? "run";
if (mode === "typed" || mode === "untyped") {
  console.log(generate(mode));
} else {
  const rounds = Number(process.argv[3] ?? 3);
  const dirs = { untyped: generate("untyped"), typed: generate("typed") };
  const runs = { untyped: [], typed: [] };
  for (let r = 0; r < rounds; r++) for (const m of ["untyped", "typed"]) runs[m].push(time(dirs[m]));
  for (const m of ["untyped", "typed"]) {
    console.log(`${m}: check ${median(runs[m].map((x) => x.check))}s, total ${median(runs[m].map((x) => x.total))}s, ${runs[m][0].instantiations} type instantiations (total runs: ${runs[m].map((x) => x.total).join(", ")})`);
  }
  console.log(`load average: ${loadavg().map((x) => x.toFixed(2)).join(", ")}`);
}
