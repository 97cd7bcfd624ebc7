import { parseArgs } from "./args.js";
import { COMMANDS } from "./commands/index.js";

async function usage(): Promise<string> {
  const lines = ["Usage: torest <command> [options]", "", "Commands:"];
  for (const load of Object.values(COMMANDS)) {
    const command = await load();
    lines.push(`  ${command.usage}`, ...command.summary.split("\n").map((line) => `        ${line}`));
  }
  lines.push("  help  Show this message.");
  return lines.join("\n");
}

/** The `torest` command; returns the exit code (serve keeps running until SIGINT/SIGTERM). */
export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const { command, options } = args;
  if (command === undefined || command === "help" || options.help) {
    console.log(await usage());
    return command === undefined ? 1 : 0;
  }
  const load = COMMANDS[command];
  if (!load) {
    console.error(`torest: unknown command "${command}".\n\n${await usage()}`);
    return 2;
  }
  return (await load()).run(args);
}
