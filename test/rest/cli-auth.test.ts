// The auth commands and the demo's three users, through the real `torest` bin in a fresh
// directory (the demo's db.sqlite3 there).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_DB } from "../support/db.js";
import { repoRoot } from "./fixtures/replay.js";

const bin = path.join(repoRoot, "bin", "torest.mjs");
const cwd = mkdtempSync(path.join(tmpdir(), "torest-cli-auth-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e = { ...process.env, ...extra };
  delete e.DATABASE_URL;
  return e;
}

/** Runs a command to its end, feeding `input` on stdin. */
function command(args: string[], input = "", extraEnv: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: env(extraEnv) });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, output })));
}

/** Starts `serve --port 0`; resolves once it listens. */
function serve(): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--quiet"], { cwd, env: env() });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve timed out:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/\S+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1] as string,
          output: () => output,
          stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once("exit", () => done()), child.kill("SIGINT")))),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
  });
}

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

// The commands run the demo project on its own db.sqlite3, whatever backend this run targets:
// once (on the SQLite run) is enough.
describe.runIf(TEST_DB === "sqlite")("torest auth commands and the demo users", () => {
  it("the demo makes testy, reader and admin on first start, prints their passwords once, and answers the guide's 401/403/200", async () => {
    const first = await serve();
    let passwords: Record<string, string> = {};
    try {
      const shown = first.output();
      expect(shown).toContain("created the demo users");
      passwords = Object.fromEntries([...shown.matchAll(/^ {2}(testy|reader|admin)\s+(\S+)$/gm)].map((m) => [m[1], m[2]]));
      expect(Object.keys(passwords).sort()).toEqual(["admin", "reader", "testy"]);
      const { url } = first;
      await fetch(`${url}/rest/v1/polls/question1/`, {
        method: "POST", headers: { ...basic("testy", passwords.testy as string), "content-type": "application/json" }, body: JSON.stringify({ question_text: "How is the traffic?" }),
      });
      expect((await fetch(`${url}/rest/v1/polls/question1/`)).status).toBe(401);
      expect((await fetch(`${url}/rest/v1/polls/question1/`, { headers: basic("testy", passwords.testy as string) })).status).toBe(200);
      expect((await fetch(`${url}/rest/v1/polls/question1/1/choices/`, { headers: basic("testy", passwords.testy as string) })).status).toBe(403);
      expect((await fetch(`${url}/rest/v1/polls/question1/1/choices/`, { headers: basic("reader", passwords.reader as string) })).status).toBe(200);
      expect((await fetch(`${url}/rest/v1/polls/question1/1/`, {
        method: "PATCH", headers: { ...basic("admin", passwords.admin as string), "content-type": "application/json" }, body: JSON.stringify({ question_text: "x" }),
      })).status).toBe(200);
    } finally {
      await first.stop();
    }
    const second = await serve();
    await second.stop();
    expect(second.output()).not.toContain("created the demo users");
  }, 60_000);

  it("createsuperuser --noinput takes TOREST_SUPERUSER_PASSWORD; drf_create_token prints the key; changepassword asks twice", async () => {
    const missing = await command(["createsuperuser", "--noinput"]);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.output).toContain("You must use --username with --noinput.");
    const created = await command(["createsuperuser", "--noinput", "--username", "boss", "--email", "boss@example.com"], "", { TOREST_SUPERUSER_PASSWORD: "first-pw" });
    expect(created.output).toContain("Superuser created successfully.");
    const again = await command(["createsuperuser", "--noinput", "--username", "boss"]);
    expect(again.output).toContain("Error: That username is already taken.");

    const token = await command(["drf_create_token", "boss"]);
    const key = /Generated token ([0-9a-f]{40}) for user boss/.exec(token.output)?.[1];
    expect(key).toBeDefined();
    expect((await command(["drf_create_token", "boss"])).output).toContain(`Generated token ${key} for user boss`);
    expect((await command(["drf_create_token", "boss", "--reset"])).output).not.toContain(key as string);
    expect((await command(["drf_create_token", "ghost"])).output).toContain("Cannot create the Token for user ghost: User matching query does not exist.");

    const mismatch = await command(["changepassword", "boss"], "a\nb\nc\nd\ne\nf\n");
    expect(mismatch.output).toContain("Passwords do not match. Please try again.");
    expect(mismatch.output).toContain("Aborting password change for user 'boss' after 3 attempts");
    const changed = await command(["changepassword", "boss"], "new-pw\nnew-pw\n");
    expect(changed.output).toContain("Password changed successfully for user 'boss'");
    expect((await command(["changepassword", "nobody"])).output).toContain("user 'nobody' does not exist");

    const interactive = await command(["createsuperuser"], "chief\nchief@example.com\npw1\npw2\nsecret-pw\nsecret-pw\n");
    expect(interactive.output).toContain("Error: Your passwords didn't match.");
    expect(interactive.output).toContain("Superuser created successfully.");

    const server = await serve();
    try {
      expect((await fetch(`${server.url}/rest/v1/polls/question1/`, { headers: basic("boss", "new-pw") })).status).toBe(200);
      expect((await fetch(`${server.url}/rest/v1/polls/question1/`, { headers: basic("boss", "first-pw") })).status).toBe(401);
      expect((await fetch(`${server.url}/rest/v1/polls/question1/`, { headers: basic("chief", "secret-pw") })).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
