#!/usr/bin/env node
// The torest command. Project configs and models are TypeScript, so the CLI registers tsx's
// ESM loader (in this process only, no global hooks). An installed package runs its built
// dist/; a source checkout runs src/ with the repository's tsconfig, which maps "torest" to src/.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const built = new URL("../dist/cli/main.js", import.meta.url);
const fromSource = !existsSync(fileURLToPath(built));
register(fromSource ? { tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) } : {});
const { main } = await import(fromSource ? "../src/cli/main.ts" : built.href);
process.exitCode = await main(process.argv.slice(2));
