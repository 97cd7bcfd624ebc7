#!/usr/bin/env node
// Builds dist/ (compiled JS, declarations, source maps) from src/ with tsc, after removing the
// previous output so that files of deleted sources never ship.
//
//   node scripts/build.mjs              always build (npm run build)
//   node scripts/build.mjs --if-stale   only when a source is newer than dist/ (npm start,
//                                       prepare/prepack, the test suite's setup)
//
// `prepare` runs it when the package is installed from git and on `npm ci` in a clone, so the
// `torest` bin (which runs dist/) works there too.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const stamp = path.join(dist, "index.js");

/** The newest modification time among the sources and the compiler settings. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  visit(path.join(root, "src"));
  for (const file of ["tsconfig.json", "tsconfig.build.json"]) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  return newest;
}

export function isStale() {
  return !existsSync(stamp) || statSync(stamp).mtimeMs < newestSource();
}

export function build() {
  rmSync(dist, { recursive: true, force: true });
  let tsc;
  try {
    tsc = path.join(path.dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
  } catch {
    throw new Error("torest build: the TypeScript compiler is missing; run `npm install` (it is a devDependency).");
  }
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`torest build: tsc failed (exit ${result.status ?? result.signal}).`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes("--if-stale");
  if (ifStale && !isStale()) process.exit(0);
  try {
    build();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
