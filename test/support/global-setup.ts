import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The CLI tests run the `torest` bin as a user does, and the bin runs the compiled dist/: build
 * it once before the suite when a source is newer (a fresh clone got it from `npm ci`).
 */
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const result = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("building dist/ for the CLI tests failed (see the output above)");
}
