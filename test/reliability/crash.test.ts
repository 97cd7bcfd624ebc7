// Issue 10's crash test: a server in its own process is killed with SIGKILL under write load.
// Every write it acknowledged with 201 must be in the database, the database must be intact
// (SQLite: a WAL file database, PRAGMA integrity_check and foreign_key_check), and a restarted
// server must serve it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabases, configureDatabases, createTables, getBackend } from "torest";
import { dbName, freshDatabase, TEST_DB } from "../support/db.js";
import { repoRoot } from "../rest/fixtures/replay.js";
import { models, Question } from "./fixtures/models.js";
import { orphans } from "./fixtures/tables.js";

const script = path.join(repoRoot, "test", "reliability", "fixtures", "child-server.ts");

/** Starts the child server on `url`; resolves once it listens. */
function startServer(url: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: url } });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1] as string });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", () => reject(new Error(`the server exited:\n${output}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once("exit", () => resolve());
});

describe(dbName("kill -9 under write load"), () => {
  let url: string;
  let drop: () => Promise<void> = async () => undefined;
  let dir: string | null = null;
  beforeAll(async () => {
    if (TEST_DB === "sqlite") {
      // A file, so that there is a WAL to recover; the in-memory test database would die with the process.
      dir = mkdtempSync(path.join(tmpdir(), "torest-crash-"));
      url = `sqlite:///${path.join(dir, "crash.sqlite3")}`;
    } else {
      ({ url, drop } = await freshDatabase());
    }
    configureDatabases({ default: url });
    await createTables(models);
    await Question.objects.create({ question_text: "Q", pub_date: new Date("2024-01-01T00:00:00Z") });
  });
  afterAll(async () => {
    await closeDatabases();
    await drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every acknowledged write and an intact database, and serves it again after a restart", { timeout: 90_000 }, async () => {
    const { child, base } = await startServer(url);
    const acknowledged = { question: [] as number[], choice: [] as number[] };
    let running = true;
    const writer = async (n: number) => {
      for (let i = 0; running; i++) {
        const [model, body] = i % 4 === 0
          ? (["question", { question_text: `w${n}-${i}`, pub_date: "2024-02-02T00:00:00Z" }] as const)
          : (["choice", { question: 1, choice_text: `w${n}-${i}`, votes: i }] as const);
        try {
          const res = await fetch(`${base}/rest/v1/polls/${model}/`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
          if (res.status === 201) acknowledged[model].push(((await res.json()) as { id: number }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, n) => writer(n));
    // Let the load build up, then kill without warning while writes are in flight.
    while (acknowledged.choice.length < 150) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGKILL");
    await exited(child);
    running = false;
    await Promise.all(writers);

    // Read through a fresh connection, as a restarted process would.
    await closeDatabases();
    configureDatabases({ default: url });
    const stored = async (table: string) => new Set((await getBackend().query(`SELECT id FROM ${table}`, [])).map((row) => Number(row[0])));
    const choices = await stored("polls_choice");
    const questions = await stored("polls_question");
    const lost = [...acknowledged.choice.filter((id) => !choices.has(id)), ...acknowledged.question.filter((id) => !questions.has(id))];
    console.log(`[crash ${TEST_DB}] ${acknowledged.choice.length + acknowledged.question.length} writes acknowledged before SIGKILL, ${lost.length} lost; ${choices.size} choices stored`);
    expect(lost).toEqual([]);
    expect(await orphans()).toMatchObject({ "polls_choice.question_id": 0 });
    if (TEST_DB === "sqlite") {
      expect(await getBackend().query("PRAGMA integrity_check", [])).toEqual([["ok"]]);
      expect(await getBackend().query("PRAGMA foreign_key_check", [])).toEqual([]);
    }

    const restarted = await startServer(url);
    try {
      expect((await fetch(`${restarted.base}/rest/v1/polls/choice/${acknowledged.choice.at(-1)}/`)).status).toBe(200);
      const res = await fetch(`${restarted.base}/rest/v1/polls/choice/`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: 1, choice_text: "after" }) });
      expect(res.status).toBe(201);
    } finally {
      restarted.child.kill("SIGTERM");
      await exited(restarted.child);
    }
  });
});
