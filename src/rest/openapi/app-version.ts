import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The served app's version for `info.version`: `npm_package_version` when run through npm, else
 * the `version` of package.json in the working directory (where `torest serve` runs), else "0.0.0".
 */
export function appVersion(cwd: string = process.cwd()): string {
  const fromNpm = process.env.npm_package_version;
  if (fromNpm) return fromNpm;
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" && pkg.version ? pkg.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}
