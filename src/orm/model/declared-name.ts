import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const sources = new Map<string, string | null>();

function sourceOf(file: string): string | null {
  let text = sources.get(file);
  if (text === undefined) {
    try {
      text = readFileSync(file.startsWith("file:") ? fileURLToPath(file) : file, "utf8");
    } catch {
      text = null;
    }
    sources.set(file, text);
  }
  return text;
}

/**
 * The name of the class being declared around a `Model(...)` call (`class Place extends
 * Model(...)`), so that the model is registered at once, as Django's metaclass registers a model
 * when its class statement runs: a `"app.Place"` reference then resolves, and `createTables()`
 * sees it, even if nothing ever touches the class. JavaScript gives a base class no hook when it
 * is extended, so the name is read from the source at the caller's position (V8 stack frames are
 * source-mapped under tsx and vitest; compiled JS has the same text). `undefined` when it cannot be
 * read (anonymous class, bundled code): the model is then registered when first used.
 */
export function declaredClassName(depth: number): string | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = depth + 2;
  Error.captureStackTrace(holder, declaredClassName);
  Error.stackTraceLimit = limit;
  const frame = holder.stack?.split("\n")[depth + 1];
  const match = frame && /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(frame);
  if (!match) return undefined;
  const text = sourceOf(match[1]!);
  if (!text) return undefined;
  const lines = text.split("\n");
  const line = Number(match[2]) - 1;
  const before = [...lines.slice(Math.max(0, line - 2), line), (lines[line] ?? "").slice(0, Number(match[3]) - 1)].join("\n");
  return /\bclass\s+([A-Za-z_$][\w$]*)\s+extends\s+$/.exec(before)?.[1];
}
