/**
 * ORM benchmark: the workloads of bench/orm-workloads.ts (W1-W6) with torest and by hand with
 * the raw driver, measured alternately (A B, B A, ...) over several rounds; reports the median
 * of the per-round ratios and CPU time per operation, with the load average of each round.
 *
 *   npm run bench                      SQLite (W1-W6), PostgreSQL and MariaDB (W2, W5)
 *   npm run bench -- sqlite postgres   some of them
 *
 * ROWS (10,000 questions) and ROUNDS (5) override the defaults.
 */
import mysql from "mysql2/promise";
import pg from "pg";
import { closeDatabases, configureDatabases, createTables, parseDatabaseUrl } from "torest";
import { createTestDatabase, dropTestDatabase } from "../test/support/server-databases.js";
import { Choice, Question, QUESTIONS, rawSqliteWorkloads, torestWorkloads, type Workload, type WorkloadName } from "./orm-workloads.js";
import { printPaired, runPaired, summarize, timeOps, type PairedSummary } from "./paired.js";

const ROUNDS = Number(process.env.ROUNDS ?? 5);
type Vendor = "sqlite" | "postgres" | "mysql";
const VENDORS: Vendor[] = ["sqlite", "postgres", "mysql"];

async function compare(vendor: Vendor, torest: Partial<Record<WorkloadName, Workload>>, raw: Partial<Record<WorkloadName, Workload>>): Promise<PairedSummary[]> {
  const out: PairedSummary[] = [];
  for (const name of Object.keys(raw) as WorkloadName[]) {
    const sides = [torest[name]!, raw[name]!] as const;
    for (const side of sides) await side.run(); // warm-up
    const run = await runPaired(`${vendor} ${name}`, ["torest", "raw"], ROUNDS, (side) => timeOps(sides[side].ops, () => sides[side].run()), "ms");
    out.push(summarize(run));
  }
  return out;
}

/** W2 and W5 by hand with pg / mysql2 over the tables torest made (read-only workloads). */
async function rawServerWorkloads(vendor: "postgres" | "mysql", url: string): Promise<{ workloads: Partial<Record<WorkloadName, Workload>>; close: () => Promise<void> }> {
  const s = parseDatabaseUrl(url);
  const all = "SELECT id, question_text, pub_date FROM benchpolls_question";
  const one = "SELECT id, question_text, pub_date FROM benchpolls_question WHERE id = ";
  if (vendor === "postgres") {
    const client = new pg.Client({ host: s.host, port: s.port, user: s.user, password: s.password || undefined, database: s.database });
    await client.connect();
    // pg returns bigint keys as strings: an application turns them into numbers.
    const toQuestion = (r: Record<string, unknown>) => ({ ...r, id: Number(r.id) });
    const ids = (await client.query(all)).rows.map((r) => Number(r.id));
    return {
      workloads: {
        "W2 fetch all": { ops: QUESTIONS, run: async () => void (await client.query({ name: "all", text: all })).rows.map(toQuestion) },
        "W5 get by pk": { ops: ids.length, run: async () => { for (const id of ids) toQuestion((await client.query({ name: "one", text: `${one}$1`, values: [id] })).rows[0]); } },
      },
      close: () => client.end(),
    };
  }
  const conn = await mysql.createConnection({ host: s.host, port: s.port, user: s.user, password: s.password || undefined, database: s.database, timezone: "Z" });
  const [idRows] = await conn.execute(all);
  const ids = (idRows as { id: number }[]).map((r) => r.id);
  return {
    workloads: {
      "W2 fetch all": { ops: QUESTIONS, run: async () => void ((await conn.execute(all))[0] as object[]).map((r) => ({ ...r })) },
      "W5 get by pk": { ops: ids.length, run: async () => { for (const id of ids) void { ...((await conn.execute(`${one}?`, [id]))[0] as object[])[0] }; } },
    },
    close: () => conn.end(),
  };
}

async function benchmark(vendor: Vendor): Promise<PairedSummary[]> {
  const url = vendor === "sqlite" ? "sqlite::memory:" : await createTestDatabase(vendor);
  try {
    configureDatabases({ default: url });
    await createTables([Question, Choice]);
    const torest = await torestWorkloads();
    if (vendor === "sqlite") return await compare(vendor, torest, rawSqliteWorkloads());
    const raw = await rawServerWorkloads(vendor, url);
    try {
      return await compare(vendor, torest, raw.workloads);
    } finally {
      await raw.close();
    }
  } finally {
    await closeDatabases();
    if (vendor !== "sqlite") await dropTestDatabase(vendor, url);
  }
}

const asked = process.argv.slice(2).filter((a) => a !== "--");
const rows: PairedSummary[] = [];
for (const vendor of asked.length ? asked : VENDORS) {
  if (!VENDORS.includes(vendor as Vendor)) throw new Error(`Unknown database '${vendor}': choose from ${VENDORS.join(", ")}.`);
  rows.push(...(await benchmark(vendor as Vendor)));
}
printPaired(`ORM workloads, ${QUESTIONS} questions, ${ROUNDS} paired rounds (ratio: torest/raw time, lower is better)`, "ms", rows, ["torest", "raw"]);
