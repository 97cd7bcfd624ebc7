import { defineConfig } from "vitest/config";

import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "torest/auth": fileURLToPath(new URL("./src/auth/index.ts", import.meta.url)),
      "torest/cli": fileURLToPath(new URL("./src/cli/index.ts", import.meta.url)),
      "torest/migrations": fileURLToPath(new URL("./src/migrations/index.ts", import.meta.url)),
      "torest/rest": fileURLToPath(new URL("./src/rest/index.ts", import.meta.url)),
      torest: fileURLToPath(new URL("./src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ when stale: the CLI tests run the bin, which runs the compiled package.
    globalSetup: ["test/support/global-setup.ts"],
    // Each file gets its own databases (see test/support/db.ts); files run in parallel workers.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
