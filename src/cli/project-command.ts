import { closeDatabases } from "../index.js";
import type { ParsedArgs } from "./args.js";
import { findConfig, loadProject, type MigrationProject } from "./migration-project.js";

/** A command's switches and positionals, with a switch's swallowed value (`--fake polls`) given back. */
export interface CommandLine {
  readonly flags: ReadonlySet<string>;
  readonly values: Readonly<Record<string, string>>;
  readonly positionals: readonly string[];
}

/** Splits parsed args: `switches` never take a value, so `--fake polls` is the switch and `polls`. */
export function commandLine(args: ParsedArgs, switches: readonly string[]): CommandLine {
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  const given: string[] = [];
  for (const [name, value] of Object.entries(args.options)) {
    if (switches.includes(name)) {
      flags.add(name);
      if (typeof value === "string") given.push(value);
    } else if (value === true) flags.add(name);
    else values[name] = value;
  }
  return { flags, values, positionals: [...given, ...args.positionals] };
}

/**
 * Runs a command on the project of `--config` (else `torest.config.*` in the working directory,
 * else the demo): errors a user can fix print as Django's `CommandError: ...` (exit 1), and the
 * databases are closed at the end.
 */
export async function runOnProject(line: CommandLine, body: (project: MigrationProject) => Promise<number>): Promise<number> {
  try {
    const project = await loadProject({ config: findConfig(line.values.config), outputDir: line.values["output-dir"] });
    return await body(project);
  } catch (error) {
    const e = error as Error;
    if (["CommandError", "NodeNotFoundError", "IrreversibleError", "NoDefaultError", "SerializeError", "ImproperlyConfigured"].includes(e.name)) {
      console.error(`${e.name === "CommandError" ? "CommandError" : e.name}: ${e.message}`);
      return e.name === "NoDefaultError" ? 3 : 1;
    }
    throw error;
  } finally {
    await closeDatabases();
  }
}
