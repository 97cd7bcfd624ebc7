import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file gets its own databases (see test/support/db.ts); files run in parallel workers.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
