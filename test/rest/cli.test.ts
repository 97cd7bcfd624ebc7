import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";
import { repoRoot } from "./fixtures/replay.js";

const bin = path.join(repoRoot, "bin", "torest.mjs");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the bin under plain node in a fresh directory until `until` matches its output. */
function run(args: string[], until: RegExp, files: Record<string, string> = {}): Promise<{ output: string; cwd: string; stop: () => Promise<void> }> {
  const cwd = mkdtempSync(path.join(tmpdir(), "torest-cli-"));
  dirs.push(cwd);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(cwd, name), text);
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, ...args], { cwd, env });
  let output = "";
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; output:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) {
        clearTimeout(timer);
        resolve({ get output() { return output; }, cwd, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    // "close", not "exit": the output may still be in the pipes when the process exits.
    child.once("close", () => {
      clearTimeout(timer);
      if (!until.test(output)) reject(new Error(`exited early; output:\n${output}`));
    });
  });
}

describe("torest CLI", () => {
  it("parses flags in both spellings", () => {
    expect(parseArgs(["serve", "--port", "8001", "--host=0.0.0.0", "--verbose"])).toEqual({
      command: "serve",
      options: { port: "8001", host: "0.0.0.0", verbose: true },
      positionals: [],
    });
  });

  it("prints usage for help and rejects a bad port", async () => {
    const help = await run(["help"], /Usage: torest/);
    expect(help.output).toContain("serve [--host 127.0.0.1] [--port 8000]");
    const bad = await run(["serve", "--port", "http"], /--port must be a number/);
    await bad.stop();
  });

  it("serves the demo on db.sqlite3 with plain node, creating tables and logging requests", async () => {
    const server = await run(["serve", "--port", "0"], /serving \d+ models \(demo\) at (http:\/\/\S+)\//);
    try {
      expect(server.output).toContain("created tables lab_student, lab_system, polls_question");
      const url = /at (http:\/\/\S+)\//.exec(server.output)![1];
      const root = (await (await fetch(`${url}/`)).json()) as Record<string, string>;
      expect(Object.keys(root)).toEqual([
        "rest/v1/lab/student", "rest/v1/lab/system", "rest/v1/polls/question", "rest/v1/polls/choice",
        "rest/v1/polls/question1", "rest/v1/polls/choice1", "rest/v1/edu/student", "rest/v1/edu/course",
        "rest/v1/one_to_one/place", "rest/v1/one_to_one/restaurant", "rest/v1/one_to_one/waiter",
      ]);
      const place = await fetch(`${url}/rest/v1/one_to_one/place/`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Demon Dogs", address: "944 W. Fullerton" }),
      });
      expect(await place.json()).toEqual({ id: 1, name: "Demon Dogs", address: "944 W. Fullerton", restaurant: null });
      const restaurant = await fetch(`${url}/rest/v1/one_to_one/restaurant/`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ place: 1, serves_hot_dogs: true }),
      });
      expect(await restaurant.json()).toEqual({ serves_hot_dogs: true, serves_pizza: false, place: 1, waiter_set: "/rest/v1/one_to_one/restaurant/1/waiter_set/" });
      const schema = (await (await fetch(`${url}/rest/v1/openapi/`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(schema.paths)).toContain("/rest/v1/one_to_one/restaurant/{parent_pk}/waiter_set/");
      await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(path.join(server.cwd, "db.sqlite3"))).toBe(true);
      expect(server.output).toMatch(/POST \/rest\/v1\/one_to_one\/place\/ 201 [\d.]+ms/);
    } finally {
      await server.stop();
    }
  }, 30_000);

  it("serves the models of a torest.config.ts on its database and prefix", async () => {
    const config = [
      'import { CharField, Model } from "torest";',
      'export class Note extends Model("notes", { text: CharField({ maxLength: 20 }) }) {}',
      'export default { database: "sqlite:///notes.sqlite3", models: [{ Note }], prefix: "api" };',
    ].join("\n");
    const server = await run(["serve", "--config", "torest.config.ts", "--port", "0", "--quiet"], /serving 1 models from torest.config.ts at (http:\/\/\S+)\//, {
      "package.json": '{ "type": "module" }',
      "torest.config.ts": config,
    });
    try {
      const url = /at (http:\/\/\S+)\//.exec(server.output)![1];
      const created = await fetch(`${url}/api/notes/note/`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"text": "hi"}' });
      expect(await created.json()).toEqual({ id: 1, text: "hi" });
      expect(existsSync(path.join(server.cwd, "notes.sqlite3"))).toBe(true);
      expect(server.output).not.toMatch(/POST \/api/);
    } finally {
      await server.stop();
    }
  }, 30_000);

  it("--workers 2 runs two server processes on one port (node:cluster) and stops them all on SIGINT", async () => {
    const config = [
      'import { CharField, Model } from "torest";',
      'export class Note extends Model("notes", { text: CharField({ maxLength: 20 }) }) {}',
      'export default { database: "sqlite:///notes.sqlite3", models: [{ Note }] };',
    ].join("\n");
    const server = await run(["serve", "--config", "torest.config.js", "--port", "0", "--quiet", "--workers", "2"], /(serving 1 models[^\n]*\n[^]*){2}/, {
      "package.json": '{ "type": "module" }',
      "torest.config.js": config,
    });
    try {
      expect(server.output).toContain("starting 2 worker processes");
      const urls = [...server.output.matchAll(/at (http:\/\/\S+)\//g)].map((m) => m[1]);
      expect(urls).toHaveLength(2);
      expect(urls[1]).toBe(urls[0]); // one shared port
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${urls[0]}/rest/v1/notes/note/`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: `n${i}` }),
      }).then((r) => r.status)));
      expect(answers.every((status) => status === 201)).toBe(true);
      const list = (await (await fetch(`${urls[0]}/rest/v1/notes/note/`)).json()) as unknown[];
      expect(list).toHaveLength(20);
    } finally {
      await server.stop();
    }
    const bad = await run(["serve", "--workers", "0"], /--workers must be a whole number from 1 to 256, got 0/);
    await bad.stop();
  }, 40_000);
});
