// Issue 10 item 6: no single request may hold the event loop long. The worst bodies that fit
// under the default limits (2.5 MiB, 1000 fields, 100 files, JSON depth 100 and 50,000 values)
// and the ones just past them are sent one at a time. For each, perf_hooks gives the longest
// loop delay (wall clock: on a shared machine it includes time the process was not scheduled)
// and process.cpuUsage the CPU time of the whole exchange, client included: an upper bound of
// the stall on an idle machine. The goal is 50 ms; the assertion allows TOREST_STALL_CPU_MS
// (100 by default) of CPU, and a wall-clock delay under TOREST_STALL_WALL_MS (1000), so that a
// loaded CI machine does not fail it while a return of the second-long stalls would.
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { rawRequest } from "../support/raw-http.js";
import { listen } from "../rest/fixtures/server.js";
import { encode, type HostileRequest } from "./fixtures/hostile.js";
import { models } from "./fixtures/models.js";

useTestDatabase(models);

const CPU_MS = Number(process.env.TOREST_STALL_CPU_MS ?? 100);
const WALL_MS = Number(process.env.TOREST_STALL_WALL_MS ?? 1000);
const MiB = 1024 * 1024;
const FULL = 2.5 * MiB - 4096;

function json(kind: string, text: string, chunked = false): HostileRequest {
  return { kind, method: "POST", target: "/rest/v1/polls/question/", headers: { "content-type": "application/json" }, body: Buffer.from(text), chunked };
}

function form(kind: string, pairs: number, size: number): HostileRequest {
  const value = "v".repeat(Math.max(1, Math.floor(size / pairs) - 8));
  const text = Array.from({ length: pairs }, (_, i) => `f${i}=${value}`).join("&");
  return { kind, method: "POST", target: "/rest/v1/polls/question/", headers: { "content-type": "application/x-www-form-urlencoded" }, body: Buffer.from(text) };
}

function multipart(kind: string, parts: number, files: boolean, size: number): HostileRequest {
  const boundary = "----stall";
  const value = "v".repeat(Math.max(1, Math.floor(size / parts) - 120));
  const body = Array.from({ length: parts }, (_, i) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"${files ? `; filename="f${i}.txt"` : ""}\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`;
  return { kind, method: "POST", target: "/rest/v1/polls/question/", headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body: Buffer.from(body) };
}

/** `{"k0...": 0, ...}`: `members` keys, long enough to fill `size` bytes. */
function wideObject(members: number, size: number): string {
  const pad = "k".repeat(Math.max(1, Math.floor(size / members) - 12));
  return `{${Array.from({ length: members }, (_, i) => `"${pad}${i}":0`).join(",")}}`;
}

const BODIES: HostileRequest[] = [
  json("json: 2.5 MiB of [ (depth 2.6 million)", "[".repeat(FULL)),
  json("json: one 2.5 MiB string", JSON.stringify({ question_text: "x".repeat(FULL), pub_date: "2024-01-01T00:00:00Z" })),
  json("json: 2.5 MiB chunked", JSON.stringify({ question_text: "x".repeat(FULL) }), true),
  json("json: 24,999 members filling 2.5 MiB (under the limit)", wideObject(24_999, FULL)),
  json("json: 227,000 members (refused)", wideObject(227_000, FULL)),
  json("json: 49,999 numbers (under the limit)", `[${"1,".repeat(49_998)}1]`),
  json("json: 1.2 million numbers (refused)", `[${"0,".repeat(Math.floor(FULL / 2) - 1)}0]`),
  json("json: 24,999 empty objects (under the limit)", `[${"{},".repeat(24_998)}{}]`),
  json("json: depth 100 (under the limit)", `${"[".repeat(100)}${"]".repeat(100)}`),
  form("form: 1000 fields filling 2.5 MiB", 1000, FULL),
  form("form: 50,000 fields (refused)", 50_000, 50_000 * 10),
  form("form: one 2.5 MiB field", 1, FULL),
  multipart("multipart: 1000 fields filling 2.5 MiB", 1000, false, FULL),
  multipart("multipart: 100 files filling 2.5 MiB", 100, true, FULL),
  multipart("multipart: 20,000 parts (refused)", 20_000, false, 20_000 * 130),
];

describe(dbName("event-loop stalls on the worst bodies at the default limits"), () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(restifyApp("rest/v1", { only: true, models }));
  });
  afterAll(() => server.close());

  it(`spends under ${CPU_MS} ms of CPU on any single body, refused or not (goal: 50 ms)`, { timeout: 120_000 }, async () => {
    const bytes = BODIES.map(encode);
    const results: { kind: string; status: number; stallMs: number; cpuMs: number }[] = [];
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    // A warm-up request, so that the first measured one does not pay for loading code.
    await rawRequest(server.url, encode(json("warm-up", "{}")));
    for (const [i, request] of BODIES.entries()) {
      histogram.reset();
      histogram.enable();
      const cpu = process.cpuUsage();
      const res = await rawRequest(server.url, bytes[i] as Buffer, { timeoutMs: 30_000 });
      const used = process.cpuUsage(cpu);
      histogram.disable();
      // CPU time of the whole exchange (client included): what the stall would be at most on an idle machine.
      results.push({ kind: request.kind, status: res.status, stallMs: histogram.max / 1e6, cpuMs: (used.user + used.system) / 1000 });
    }
    const load = loadavg().map((l) => l.toFixed(2)).join(" ");
    console.log(`[stall ${dbName("")}] load average ${load}; longest loop delay, CPU time of the exchange, status, body\n` +
      results.map((r) => `  ${r.stallMs.toFixed(1).padStart(6)} ms  ${r.cpuMs.toFixed(1).padStart(6)} ms cpu  ${r.status}  ${r.kind}`).join("\n"));
    for (const r of results) {
      expect(r.status, r.kind).toBeGreaterThanOrEqual(400);
      expect(r.status, r.kind).toBeLessThan(500);
    }
    expect(Math.max(...results.map((r) => r.cpuMs))).toBeLessThan(CPU_MS);
    expect(Math.max(...results.map((r) => r.stallMs))).toBeLessThan(WALL_MS);
  });
});
