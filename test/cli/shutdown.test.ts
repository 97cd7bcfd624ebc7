// Graceful shutdown of `torest serve` (gunicorn's graceful timeout): a real process, a request
// whose body is still arriving when SIGTERM comes.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { TEST_DB } from "../support/db.js";
import { newProject, runBin, type BinRun } from "./fixtures/project.js";

const config = [
  'import { CharField, Model } from "torest";',
  'export class Note extends Model("notes", { text: CharField({ maxLength: 20 }) }) {}',
  'export default { database: "sqlite:///notes.sqlite3", models: [Note] };',
].join("\n");

/** Starts a POST whose body is sent later: the request is in flight until `finish` is called. */
function slowPost(url: string, body: string): { finish: () => void; response: Promise<{ status: number; body: string }> } {
  const request = http.request(`${url}/rest/v1/notes/note/`, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on("error", reject);
    });
    request.on("error", reject);
  });
  request.write(body.slice(0, 5));
  return { finish: () => request.end(body.slice(5)), response };
}

async function start(args: string[] = []): Promise<BinRun> {
  return runBin(["serve", "--config", "torest.config.js", "--port", "0", ...args], /serving 1 models/, newProject({ "torest.config.js": config }));
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
};

// The bin runs on SQLite files in a temporary project whatever TOREST_TEST_DB names, so these
// process tests run in the sqlite pass only (serve-config.test.ts covers every backend).
describe.runIf(TEST_DB === "sqlite")("torest serve: graceful shutdown", () => {
  it("on SIGTERM finishes the request in flight, refuses new connections, and exits 0", async () => {
    const server = await start();
    const url = server.url;
    const inFlight = slowPost(url, JSON.stringify({ text: "late" }));
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill("SIGTERM");
    await waitFor(() => server.output.includes("shutting down"));
    expect(server.output).toContain("torest: SIGTERM, shutting down (1 requests in flight)");
    await expect(fetch(`${url}/rest/v1/notes/note/`)).rejects.toThrow();
    inFlight.finish();
    expect(await inFlight.response).toEqual({ status: 201, body: '{"id":1,"text":"late"}' });
    expect(await server.exited).toBe(0);
    expect(server.output).toContain("torest: stopped");
  }, 30_000);

  it("waits at most --graceful-timeout seconds for a request that never completes, then exits 0", async () => {
    const server = await start(["--graceful-timeout", "1"]);
    const stuck = slowPost(server.url, JSON.stringify({ text: "never" }));
    stuck.response.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    server.child.kill("SIGINT");
    expect(await server.exited).toBe(0);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(10_000);
    await expect(stuck.response).rejects.toThrow();
  }, 30_000);

  it("exits at once on a second signal while draining", async () => {
    const server = await start(["--graceful-timeout", "60"]);
    const stuck = slowPost(server.url, JSON.stringify({ text: "never" }));
    stuck.response.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill("SIGTERM");
    await waitFor(() => server.output.includes("shutting down"));
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(1);
  }, 30_000);
});
