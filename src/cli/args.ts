/** Parsed command line: the command, `--flag value` / `--flag=value` options, positionals. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly options: Readonly<Record<string, string | true>>;
  readonly positionals: readonly string[];
}

/** A small argv parser: `serve --port 8000 --host=0.0.0.0 --verbose`. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    if (eq > 0) options[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !(argv[i + 1] as string).startsWith("--")) options[arg.slice(2)] = argv[++i] as string;
    else options[arg.slice(2)] = true;
  }
  const [command, ...rest] = positionals;
  return { command, options, positionals: rest };
}
