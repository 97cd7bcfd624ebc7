import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { models } from "./fixtures/relationships-models.js";
import { replaySuite } from "./fixtures/replay.js";
import { listen } from "./fixtures/server.js";

useTestDatabase(models);

describe(dbName("conformance: rel_one_to_one.json"), () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(restifyApp("rest/v1"));
  });
  afterAll(() => server.close());

  it("replays every recorded step with no failure", async () => {
    const result = await replaySuite(server.url, "rel_one_to_one.json");
    const failures = result.output.split("\n").filter((line) => !line.startsWith("PASS"));
    expect(failures.join("\n")).toBe(`38 passed, 0 failed\n`);
    expect(result.failed).toBe(0);
  }, 60_000);
});
