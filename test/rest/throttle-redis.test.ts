import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryThrottleStore, RedisThrottleStore } from "torest/rest";
import { dbName } from "../support/db.js";

// Needs the Redis server at 127.0.0.1:6379 (.ci/run starts it when it is down). The throttle store does
// not touch the database, so every backend run checks the same thing.
const SERVER = fileURLToPath(new URL("./fixtures/throttle-server.ts", import.meta.url));

async function start(prefix: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER, prefix], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`throttle server exited with ${String(code)}`)));
  });
  return { url, child };
}

describe(dbName("throttle stores"), () => {
  const prefix = `torest-test:${randomUUID()}:`;
  const servers: { url: string; child: ChildProcess }[] = [];

  beforeAll(async () => {
    servers.push(...(await Promise.all([start(prefix), start(prefix)])));
  }, 60_000);
  afterAll(async () => {
    for (const { child } of servers) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("two server processes sharing Redis allow exactly 5 requests in total on a 5/min scope", async () => {
    const requests = Array.from({ length: 12 }, (_, i) => fetch(`${(servers[i % 2] as { url: string }).url}/ping/`));
    const responses = await Promise.all(requests);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    const refused = responses.find((r) => r.status === 429) as Response;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("the Redis store's sliding window: entries leave the window after `duration`", async () => {
    const store = new RedisThrottleStore({ url: "redis://127.0.0.1:6379", prefix });
    try {
      const hit = (now: number) => store.hit("window", { limit: 2, duration: 10, now });
      expect((await hit(100)).allowed).toBe(true);
      expect((await hit(101)).allowed).toBe(true);
      const third = await hit(105);
      expect(third).toEqual({ allowed: false, history: [101, 100] });
      // At 110 the entry of 100 is out (DRF drops entries at or before now - duration).
      expect((await hit(110)).allowed).toBe(true);
      expect((await store.hit("window", { limit: 0, duration: 10, now: 110 })).history).toEqual([110, 101]);
    } finally {
      await store.close();
    }
  });

  it("the memory store answers the same", async () => {
    const store = new MemoryThrottleStore();
    const hit = (now: number) => store.hit("window", { limit: 2, duration: 10, now });
    await hit(100);
    await hit(101);
    expect(await hit(105)).toEqual({ allowed: false, history: [101, 100] });
    expect((await hit(110)).allowed).toBe(true);
  });
});
