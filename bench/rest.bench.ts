// REST benchmark: torest (`torest serve`) against a hand-written node:http server on the same
// data (1,000 questions x 3 choices): bench/baseline-server.mjs (better-sqlite3) on SQLite,
// bench/baseline-server-pg.mjs (pg) on PostgreSQL.
//
//   npm run bench:rest -- [--db sqlite|postgres] [--duration 5] [--connections 10] [--rounds 5]
//
// Each server runs in its own process; autocannon loads them one endpoint at a time, the two
// sides alternating (A B, B A, ...) round after round. Reports the median of the per-round
// req/s ratios and each server's CPU time per request (from /proc), with the load average.
// Creates go to question 1000 so that the nested list (question 1) keeps its 3 choices.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { atomic, closeDatabases, configureDatabases, createTables } from "torest";
import { parseArgs } from "../src/cli/args.js";
import { createTestDatabase, dropTestDatabase } from "../test/support/server-databases.js";
import { printPaired, processCpuUs, runPaired, summarize, type Sample } from "./paired.js";
import { Choice, Question } from "./rest.config.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { options } = parseArgs(["bench", ...process.argv.slice(2)]);
const db = String(options.db ?? "sqlite");
const duration = Number(options.duration ?? 5);
const connections = Number(options.connections ?? 10);
const rounds = Number(options.rounds ?? 5);
if (db !== "sqlite" && db !== "postgres") throw new Error(`--db must be sqlite or postgres, got ${db}`);

interface Endpoint {
  name: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
}

const ENDPOINTS: Endpoint[] = [
  { name: "retrieve", method: "GET", path: "/rest/v1/polls/question/1/" },
  { name: "list 100", method: "GET", path: "/rest/v1/polls/question/?limit=100&offset=0" },
  { name: "nested list", method: "GET", path: "/rest/v1/polls/question/1/choices/" },
  { name: "create", method: "POST", path: "/rest/v1/polls/choice/", body: JSON.stringify({ question: 1000, choice_text: "Bench", votes: 0 }) },
];

async function seed(url: string): Promise<void> {
  configureDatabases({ default: url });
  await createTables([Question, Choice]);
  await atomic(async () => {
    for (let i = 1; i <= 1000; i++) {
      const q = await Question.objects.create({ question_text: `Question ${i}?`, pub_date: new Date() });
      for (let j = 1; j <= 3; j++) await Choice.objects.create({ question: q, choice_text: `Choice ${j}`, votes: 0 });
    }
  });
  await closeDatabases();
}

function start(args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: "ignore" });
}

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

/** Loads one endpoint of one server; the server's CPU per request comes from /proc. */
async function load(base: string, pid: number, endpoint: Endpoint, seconds = duration): Promise<Sample & { failures: number }> {
  const cpu = processCpuUs(pid);
  const result = await autocannon({
    url: base + endpoint.path,
    method: endpoint.method,
    body: endpoint.body,
    headers: endpoint.body ? { "content-type": "application/json" } : {},
    connections,
    duration: seconds,
  });
  const requests = Math.max(1, result.requests.total);
  return { value: result.requests.average, cpuUsPerOp: (processCpuUs(pid) - cpu) / requests, failures: result.non2xx + result.errors };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "torest-bench-"));
  const urls = db === "sqlite"
    ? { torest: `sqlite:///${path.join(dir, "torest.db")}`, baseline: path.join(dir, "baseline.db") }
    : { torest: await createTestDatabase("postgres"), baseline: await createTestDatabase("postgres") };
  await seed(urls.torest);
  const torestPort = 18000 + Math.floor(Math.random() * 1000);
  const basePort = torestPort + 1000;
  const torest = start([path.join(repo, "bin/torest.mjs"), "serve", "--config", path.join(repo, "bench/rest.config.ts"), "--port", String(torestPort), "--quiet"],
    dir, { TOREST_BENCH_DATABASE_URL: urls.torest });
  // better-sqlite3 / pg resolve from the baseline's working directory: the repository.
  const baselineScript = db === "sqlite" ? "bench/baseline-server.mjs" : "bench/baseline-server-pg.mjs";
  const baseline = start([path.join(repo, baselineScript), String(basePort), urls.baseline], repo, {});
  const servers = [
    { name: "torest", base: `http://127.0.0.1:${torestPort}`, pid: torest.pid! },
    { name: "baseline", base: `http://127.0.0.1:${basePort}`, pid: baseline.pid! },
  ] as const;
  try {
    for (const s of servers) await waitForHttp(`${s.base}/rest/v1/polls/question/1/`);
    // Warm-up: JIT both servers on every endpoint.
    for (const e of ENDPOINTS) for (const s of servers) await load(s.base, s.pid, e, 1);
    const summaries = [];
    let failures = 0;
    for (const e of ENDPOINTS) {
      const run = await runPaired(e.name, ["torest", "baseline"], rounds, async (side) => {
        const s = servers[side];
        const sample = await load(s.base, s.pid, e);
        failures += sample.failures;
        return sample;
      }, "req/s");
      summaries.push(summarize(run));
    }
    printPaired(`REST on ${db}: autocannon -c ${connections} -d ${duration}, ${rounds} paired rounds (ratio: torest/baseline req/s, higher is better)`, "req/s", summaries, ["torest", "baseline"]);
    if (failures) console.log(`\n${failures} non-2xx responses or errors during the runs.`);
  } finally {
    torest.kill("SIGINT");
    baseline.kill();
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
    if (db === "postgres") for (const url of [urls.torest, urls.baseline]) await dropTestDatabase("postgres", url);
  }
}

await main();
