#!/usr/bin/env node
// Runs the whole test suite once per database (TOREST_TEST_DB=sqlite|postgres|mysql), then
// prints a table of passed/failed/skipped tests per backend and exits non-zero if any failed.
//
//   node scripts/test-matrix.mjs                    all three backends
//   node scripts/test-matrix.mjs postgres mysql     some of them
//   node scripts/test-matrix.mjs sqlite -- test/db  extra arguments go to vitest
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ALL = ["sqlite", "postgres", "mysql"];
const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const named = dash === -1 ? argv : argv.slice(0, dash);
const vitestArgs = dash === -1 ? [] : argv.slice(dash + 1);
const unknown = named.filter((name) => !ALL.includes(name));
if (unknown.length) {
  console.error(`Unknown backend(s): ${unknown.join(", ")}. Choose from ${ALL.join(", ")}.`);
  process.exit(2);
}
const backends = named.length ? named : ALL;
const outDir = mkdtempSync(join(tmpdir(), "torest-matrix-"));
const vitest = join(process.cwd(), "node_modules", "vitest", "vitest.mjs");

const results = [];
for (const backend of backends) {
  console.log(`\n=== ${backend} ===`);
  const outputFile = join(outDir, `${backend}.json`);
  const run = spawnSync(
    process.execPath,
    [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${outputFile}`, ...vitestArgs],
    { stdio: "inherit", env: { ...process.env, TOREST_TEST_DB: backend } },
  );
  let report = null;
  try {
    report = JSON.parse(readFileSync(outputFile, "utf8"));
  } catch {
    // No report: vitest failed before running tests (a config or collection error).
  }
  const passed = report?.numPassedTests ?? 0;
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  // Files that failed to load count as failures even though no test inside them ran.
  const brokenFiles = report ? report.testResults.filter((file) => file.status === "failed" && file.assertionResults.length === 0).length : 0;
  const failed = (report?.numFailedTests ?? 0) + brokenFiles;
  const ok = run.status === 0 && failed === 0 && report !== null;
  const failures = report
    ? report.testResults.flatMap((file) => {
      const tests = file.assertionResults.filter((t) => t.status === "failed").map((t) => t.fullName);
      return tests.length || file.status !== "failed" ? tests : [`${file.name.replace(`${process.cwd()}/`, "")} (did not load)`];
    })
    : ["(no report: vitest failed before running tests)"];
  if (!ok && !failures.length) failures.push("(errors outside tests: see the output above)");
  results.push({ backend, passed, failed: ok ? failed : Math.max(failed, 1), skipped, ok, failures });
}
rmSync(outDir, { recursive: true, force: true });

const rows = [["backend", "passed", "failed", "skipped", "result"], ...results.map((r) => [r.backend, r.passed, r.failed, r.skipped, r.ok ? "ok" : "FAIL"])];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
const line = (row) => `| ${row.map((cell, i) => (i === 0 || i === 4 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join(" | ")} |`;
console.log(`\n${line(rows[0])}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of rows.slice(1)) console.log(line(row));

for (const r of results) for (const name of r.failures) console.log(`FAILED [${r.backend}] ${name}`);

const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
const skipped = total("skipped");
console.log(`\n${total("passed")} passed, ${total("failed")} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
