#!/usr/bin/env node
// The packaging check (CI): what a team gets from `npm install torest`.
//
//   node scripts/pack-check.mjs [--keep] [--compile]
//
// 1. `npm pack` (prepack builds dist/) and a look at the tarball: compiled JS, declarations and
//    source maps for torest, torest/rest and torest/cli; the bin; no sources, tests or configs.
// 2. A new project in a temporary folder installs the tarball plus typescript and @types/node
//    (nothing else: pg and mysql2 are optional peers, tsx comes as a dependency).
// 3. A strict TypeScript app declaring seed 000's Student/System models type-checks against
//    the installed declarations (skipLibCheck off) and compiles.
// 4. Each of these serves the models on a fresh SQLite file, and seed 000's calls are replayed
//    against it (test/fixtures/conformance/seed000.json): the compiled app on node:http,
//    `npx torest serve --config torest.config.ts`, `npx torest serve --config torest.config.js`.
//    Each server is stopped with SIGTERM and must exit 0. `npx torest serve` alone serves the demo.
// 5. A postgres:// URL without `pg` installed fails at start-up naming the package to install.
//
// Only the npm registry is used (with --prefer-offline, so a warm npm cache makes it local).
// Installing the tarball would compile better-sqlite3 from source (no prebuilt binary can be
// downloaded here), which takes minutes on a small machine; by default the check installs with
// --ignore-scripts and reuses this repository's compiled better-sqlite3 addon when the versions
// match (same machine, same Node ABI). --compile installs with scripts and compiles it instead.
// --keep leaves the temporary project in place (its path is printed) for manual runs.
// Any failure prints what went wrong and exits 1.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const keep = process.argv.includes("--keep");
const compile = process.argv.includes("--compile");
const work = mkdtempSync(path.join(tmpdir(), "torest-pack-check-"));
const project = path.join(work, "app");
const started = Date.now();

function fail(message, output = "") {
  console.error(`\npack-check FAILED: ${message}${output ? `\n--- output ---\n${output.trimEnd()}\n--------------` : ""}`);
  console.error(`(the temporary project is kept at ${project})`);
  process.exit(1);
}

function step(name) {
  console.log(`pack-check [${((Date.now() - started) / 1000).toFixed(1)}s] ${name}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) fail(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`, output);
  return result.stdout;
}

// ---------- 1. pack ----------
step("npm pack");
const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], { cwd: root }))[0];
const tarball = path.join(work, packed.filename);
const files = new Set(packed.files.map((f) => f.path));
for (const entry of ["cli", "rest", ""]) {
  for (const ext of ["js", "d.ts", "js.map"]) {
    const file = `dist/${entry ? `${entry}/` : ""}index.${ext}`;
    if (!files.has(file)) fail(`the tarball lacks ${file}`);
  }
}
for (const file of ["bin/torest.mjs", "dist/cli/main.js", "dist/cli/demo/one-to-one.js", "package.json", "README.md"]) {
  if (!files.has(file)) fail(`the tarball lacks ${file}`);
}
const stray = [...files].filter((f) => !/^(dist\/|bin\/|package\.json$|README\.md$|LICENSE)/.test(f));
if (stray.length) fail(`the tarball ships files it should not: ${stray.join(", ")}`);
console.log(`  ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked`);

// ---------- 2. a new project ----------
step(`install the tarball in a new project (${compile ? "compiling better-sqlite3" : "reusing the compiled better-sqlite3"})`);
const repoVersion = (name) => JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;
cpSync(path.join(root, "scripts", "pack-check"), project, { recursive: true });
writeFileSync(
  path.join(project, "package.json"),
  JSON.stringify({ name: "torest-pack-check-app", private: true, type: "module" }, null, 2) + "\n",
);
run(
  "npm",
  ["install", "--no-audit", "--no-fund", "--prefer-offline", ...(compile ? [] : ["--ignore-scripts"]), tarball,
    `typescript@${repoVersion("typescript")}`, `@types/node@${repoVersion("@types/node")}`],
  { cwd: project },
);
const addon = "build/Release/better_sqlite3.node";
const installed = path.join(project, "node_modules", "better-sqlite3");
if (!compile) {
  const ours = path.join(root, "node_modules", "better-sqlite3");
  if (repoVersion("better-sqlite3") !== JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")).version || !existsSync(path.join(ours, addon))) {
    step("  the repository's better-sqlite3 differs: compiling it (npm rebuild better-sqlite3)");
    run("npm", ["rebuild", "better-sqlite3"], { cwd: project });
  } else {
    cpSync(path.join(ours, addon), path.join(installed, addon));
  }
}
if (!existsSync(path.join(installed, addon))) fail(`better-sqlite3 was not compiled (${path.join(installed, addon)} is missing)`);
for (const peer of ["pg", "mysql2"]) {
  if (existsSync(path.join(project, "node_modules", peer))) fail(`${peer} was installed, but it is an optional peer dependency`);
}

// ---------- 3. strict type-check ----------
step("type-check the strict TypeScript app against the installed declarations, and compile it");
run(process.execPath, [path.join(project, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: project });

// ---------- 4. serve and replay seed 000 ----------
const replay = path.join(root, "test", "fixtures", "conformance", "replay.mjs");
const suite = path.join(root, "test", "fixtures", "conformance", "seed000.json");

/** Starts a server (in its own process group, to kill it all on a timeout) and waits for its URL. */
function startServer(label, command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: project, env: { ...process.env, ...env }, detached: true });
    let output = "";
    const exited = new Promise((done) => child.once("close", (code, signal) => done({ code, signal })));
    const timer = setTimeout(() => {
      process.kill(-child.pid, "SIGKILL");
      fail(`${label} did not report its URL within 60 s`, output);
    }, 60_000);
    let announced = false;
    const onData = (chunk) => {
      output += chunk;
      const url = /at (http:\/\/\S+?)\/?\s/.exec(output)?.[1];
      if (url && !announced) {
        announced = true;
        clearTimeout(timer);
        // npx does not forward signals: the whole group gets SIGTERM, as from a process manager.
        resolve({ url, exited, stop: () => process.kill(-child.pid, "SIGTERM"), output: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    void exited.then(({ code }) => {
      clearTimeout(timer);
      if (!/at http/.test(output)) fail(`${label} exited with ${code} before serving`, output);
    });
  });
}

const servers = [
  ["node:http app (compiled TypeScript)", process.execPath, ["build/server.js"], { DATABASE_URL: "sqlite:///http.sqlite3" }],
  ["npx torest serve --config torest.config.ts", "npx", ["torest", "serve", "--config", "torest.config.ts", "--port", "0"], { DATABASE_URL: "sqlite:///ts.sqlite3" }],
  ["npx torest serve --config torest.config.js", "npx", ["torest", "serve", "--config", "torest.config.js", "--port", "0"], { DATABASE_URL: "sqlite:///js.sqlite3" }],
];
for (const [label, command, args, env] of servers) {
  step(`serve with ${label}; replay seed 000`);
  const server = await startServer(label, command, args, { ...env, PORT: "0" });
  const result = spawnSync(process.execPath, [replay, server.url, suite, "--key-order"], { encoding: "utf8", timeout: 60_000 });
  server.stop();
  const stuck = setTimeout(() => fail(`${label} was still running 30 s after SIGTERM`, server.output()), 30_000);
  const { code, signal } = await server.exited;
  clearTimeout(stuck);
  if (result.status !== 0) fail(`seed 000 replayed against ${label} failed`, `${result.stdout}${result.stderr}\n--- server ---\n${server.output()}`);
  console.log(`  ${result.stdout.trim().split("\n").pop()}`);
  // Under npx, npm itself dies of the signal: the torest process reports its clean stop.
  const clean = command === "npx" ? server.output().includes("torest: stopped") : code === 0;
  if (!clean) fail(`${label} did not stop cleanly on SIGTERM (exit ${code ?? signal})`, server.output());
}

step("npx torest serve without a config serves the demo shipped in the package");
{
  const demo = await startServer("the demo", "npx", ["torest", "serve", "--port", "0", "--quiet"], { DATABASE_URL: "sqlite:///demo.sqlite3" });
  const root = await (await fetch(`${demo.url}/`)).json().catch((error) => fail(`the demo's API root did not answer JSON: ${error}`, demo.output()));
  demo.stop();
  await demo.exited;
  if (!root["rest/v1/one_to_one/place"] || !root["rest/v1/lab/student"]) fail("the demo's API root lacks its models", JSON.stringify(root));
}

// ---------- 5. a missing optional driver ----------
step("a postgres:// URL without pg installed names the package to install");
const noPg = spawnSync("npx", ["torest", "serve", "--port", "0"], {
  cwd: project,
  encoding: "utf8",
  env: { ...process.env, DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" },
  timeout: 60_000,
});
const noPgOutput = `${noPg.stdout}${noPg.stderr}`;
if (noPg.status !== 1 || !noPgOutput.includes('needs the "pg" package, which is not installed. Install it in your project: npm install pg')) {
  fail(`expected exit 1 and the message naming "pg", got exit ${noPg.status}`, noPgOutput);
}

step(`passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
if (keep) console.log(`the project is kept at ${project}`);
else rmSync(work, { recursive: true, force: true });
