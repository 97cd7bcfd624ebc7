#!/usr/bin/env node
// The torest command. Project configs and models are TypeScript, so the CLI runs its sources
// through tsx's ESM loader (registered in this process only, no global hooks). From a source
// checkout (no dist/), the repository's tsconfig maps "torest" to src/ for the demo's examples.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const fromSource = !existsSync(fileURLToPath(new URL("../dist/index.js", import.meta.url)));
register(fromSource ? { tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) } : {});
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
