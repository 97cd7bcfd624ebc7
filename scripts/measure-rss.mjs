#!/usr/bin/env node
// Memory of `torest serve` as installed in a project, with a JavaScript and a TypeScript config
// of the quickstart's polls models:
//
//   node scripts/pack-check.mjs --keep          # prints the project folder it leaves
//   node scripts/measure-rss.mjs <project-folder> [--duration 5] [--connections 10]
//
// For each config: RSS once the server has been idle for 3 s, then the peak RSS (VmHWM) while
// autocannon (this repository's devDependency) loads GET /rest/v1/polls/question/ with 20 rows.
// Linux only (reads /proc). Figures depend on the machine: quote them with the load average.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values, positionals } = parseArgs({ allowPositionals: true, options: { duration: { type: "string", default: "5" }, connections: { type: "string", default: "10" } } });
const project = positionals[0];
if (!project) {
  console.error("usage: node scripts/measure-rss.mjs <project-folder with torest installed>");
  process.exit(2);
}

const models = `
export class Question extends Model("polls", {
  question_text: CharField({ maxLength: 200 }),
  pub_date: DateTimeField({ verboseName: "date published" }),
}) {}
export class Choice extends Model("polls", {
  question: ForeignKey(() => Question, { onDelete: CASCADE, relatedName: "choices" }),
  choice_text: CharField({ maxLength: 200 }),
  votes: IntegerField({ default: 0 }),
}) {}
export default { models: [Question, Choice] };
`;
const imports = 'import { CASCADE, CharField, DateTimeField, ForeignKey, IntegerField, Model } from "torest";\n';
writeFileSync(path.join(project, "polls.config.js"), imports + models);
writeFileSync(path.join(project, "polls.config.ts"), imports + models);

const kB = (pid, key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
const mb = (k) => `${(k / 1024).toFixed(0)} MB`;

async function measure(config) {
  const child = spawn(process.execPath, [path.join(project, "node_modules", "torest", "bin", "torest.mjs"), "serve", "--config", config, "--port", "0", "--quiet"], {
    cwd: project,
    env: { ...process.env, DATABASE_URL: `sqlite:///${config}.sqlite3` },
  });
  const url = await new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const m = /at (http:\/\/\S+?)\/\s/.exec(output);
      if (m) resolve(m[1]);
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("exit", () => reject(new Error(output)));
  });
  for (let i = 1; i <= 20; i++) {
    await fetch(`${url}/rest/v1/polls/question/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question_text: `Question ${i}?`, pub_date: "2022-07-08T10:02:16.290713Z" }),
    });
  }
  await new Promise((r) => setTimeout(r, 3000));
  const idle = kB(child.pid, "VmRSS");
  const load = spawnSync("npx", ["autocannon", "-c", values.connections, "-d", values.duration, "--json", `${url}/rest/v1/polls/question/`], { cwd: root, encoding: "utf8" });
  const requests = JSON.parse(load.stdout).requests.average;
  const peak = kB(child.pid, "VmHWM");
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return { idle, peak, requests };
}

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} (${values.connections} connections, ${values.duration} s)`);
for (const config of ["polls.config.js", "polls.config.ts"]) {
  const { idle, peak, requests } = await measure(config);
  console.log(`${config}: idle ${mb(idle)}, peak under load ${mb(peak)} (${requests.toFixed(0)} req/s)`);
}
