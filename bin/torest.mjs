#!/usr/bin/env node
// The torest command: runs the compiled CLI in dist/ with plain Node (nothing from
// devDependencies). A TypeScript config is handled by the CLI itself, which registers tsx only
// then. In a source checkout, dist/ comes from `npm run build` (also run by `npm ci`/`npm start`).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error(`torest: ${fileURLToPath(built)} is missing: this is a source checkout that was not built. Run \`npm run build\` first.`);
  process.exit(1);
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2));
