// REST benchmark: torest (`torest serve`) against the hand-written node:http + better-sqlite3
// baseline (bench/baseline-server.mjs, copied from the project's reference material) on the same data, 1,000 questions x 3 choices.
//
//   npm run bench:rest -- [--duration 5] [--connections 10] [--rounds 3]
//
// Each server runs in its own process; autocannon loads them one endpoint at a time,
// alternating servers within each round. Prints req/s medians and the torest/baseline ratio.
// Creates go to question 1000 so that the nested list (question 1) keeps its 3 choices.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { atomic, closeDatabases, configureDatabases, createTables } from "torest";
import { parseArgs } from "../src/cli/args.js";
import { Choice, Question } from "./rest.config.js";
import { median } from "./support.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { options } = parseArgs(["bench", ...process.argv.slice(2)]);
const duration = Number(options.duration ?? 5);
const connections = Number(options.connections ?? 10);
const rounds = Number(options.rounds ?? 3);

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

async function seed(file: string): Promise<void> {
  configureDatabases({ default: `sqlite:///${file}` });
  await createTables([Question, Choice]);
  await atomic(async () => {
    for (let i = 1; i <= 1000; i++) {
      const q = await Question.objects.create({ question_text: `Question ${i}?`, pub_date: new Date() });
      for (let j = 1; j <= 3; j++) await Choice.objects.create({ question: q, choice_text: `Choice ${j}`, votes: 0 });
    }
  });
  await closeDatabases();
}

function start(cmd: string[], cwd: string, env: NodeJS.ProcessEnv, ready: (out: string) => boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, cmd, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (ready(out) ? resolve(child) : reject(new Error(`server did not start:\n${out}`))), 15_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
}

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} never answered`);
}

async function load(base: string, endpoint: Endpoint, seconds = duration): Promise<{ rps: number; non2xx: number }> {
  const result = await autocannon({
    url: base + endpoint.path,
    method: endpoint.method,
    body: endpoint.body,
    headers: endpoint.body ? { "content-type": "application/json" } : {},
    connections,
    duration: seconds,
  });
  return { rps: result.requests.average, non2xx: result.non2xx + result.errors };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "torest-bench-"));
  const torestDb = path.join(dir, "torest.db");
  await seed(torestDb);
  const torestPort = 18000 + Math.floor(Math.random() * 1000);
  const basePort = torestPort + 1000;
  const torest = await start(
    [path.join(repo, "bin/torest.mjs"), "serve", "--config", path.join(repo, "bench/rest.config.ts"), "--port", String(torestPort), "--quiet"],
    dir,
    { TOREST_BENCH_DB: torestDb },
    (out) => out.includes("serving"),
  );
  // better-sqlite3 must resolve from the baseline's working directory: the repository.
  const baseline = spawn(process.execPath, [path.join(repo, "bench/baseline-server.mjs"), String(basePort), path.join(dir, "baseline.db")], { cwd: repo, stdio: "ignore" });
  const servers = { torest: `http://127.0.0.1:${torestPort}`, baseline: `http://127.0.0.1:${basePort}` };
  try {
    await waitForHttp(`${servers.baseline}/rest/v1/polls/question/1/`);
    const results: Record<string, { torest: number[]; baseline: number[]; errors: number }> = {};
    for (const e of ENDPOINTS) results[e.name] = { torest: [], baseline: [], errors: 0 };
    // Warm-up: JIT both servers on every endpoint.
    for (const e of ENDPOINTS) for (const base of Object.values(servers)) await load(base, e, 1);
    for (let round = 1; round <= rounds; round++) {
      for (const e of ENDPOINTS) {
        const order = round % 2 ? (["torest", "baseline"] as const) : (["baseline", "torest"] as const);
        for (const who of order) {
          const { rps, non2xx } = await load(servers[who], e);
          results[e.name]![who].push(rps);
          results[e.name]!.errors += non2xx;
          console.log(`round ${round} ${e.name.padEnd(12)} ${who.padEnd(8)} ${rps.toFixed(0)} req/s${non2xx ? ` (${non2xx} non-2xx/errors)` : ""}`);
        }
      }
    }
    console.log(`\nautocannon -c ${connections} -d ${duration}, ${rounds} rounds, medians:`);
    // "paired": the median of each round's torest/baseline ratio (runs side by side share the machine's load).
    console.log(`${"endpoint".padEnd(12)} ${"torest".padStart(9)} ${"baseline".padStart(9)}  ratio  paired`);
    for (const e of ENDPOINTS) {
      const r = results[e.name]!;
      const t = median(r.torest);
      const b = median(r.baseline);
      const paired = median(r.torest.map((x, i) => x / (r.baseline[i] as number)));
      const errors = r.errors ? `  (${r.errors} non-2xx)` : "";
      console.log(`${e.name.padEnd(12)} ${t.toFixed(0).padStart(9)} ${b.toFixed(0).padStart(9)}  ${(t / b).toFixed(2)}x  ${paired.toFixed(2)}x${errors}`);
    }
  } finally {
    torest.kill("SIGINT");
    baseline.kill();
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
