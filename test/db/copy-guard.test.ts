// Two copies of torest in one process fail at load time with an explanation (see copy-guard.ts);
// the whole scenario, a config importing a second copy, runs in test/cli/cli.test.ts.
import { describe, expect, it } from "vitest";
import { ImproperlyConfigured } from "torest";
import { claimProcess } from "../../src/copy-guard.js";

describe("one copy of torest per process", () => {
  it("lets the copy that claimed the process load again (a re-evaluated module)", () => {
    const here = new URL("../../src/", import.meta.url).href;
    expect(() => claimProcess(here)).not.toThrow();
  });

  it("refuses a second copy, naming both locations", () => {
    const here = new URL("../../src/", import.meta.url).href;
    expect(() => claimProcess("file:///elsewhere/node_modules/torest/dist/")).toThrow(ImproperlyConfigured);
    expect(() => claimProcess("file:///elsewhere/node_modules/torest/dist/")).toThrow(
      `torest is loaded twice in this process: from ${here} and from file:///elsewhere/node_modules/torest/dist/.`,
    );
  });
});
