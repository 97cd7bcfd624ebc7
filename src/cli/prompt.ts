import { createInterface, type Interface } from "node:readline";
import { Writable } from "node:stream";

/** Questions on the terminal (or lines piped to stdin); hidden answers for passwords. */
export interface Prompter {
  ask(question: string): Promise<string>;
  /** Does not echo what is typed (getpass). */
  askHidden(question: string): Promise<string>;
  close(): void;
}

/**
 * A prompter on stdin/stdout. On a terminal, hidden answers are not echoed; from a pipe, each
 * answer is the next line (so scripts and tests can feed it).
 */
export function stdinPrompter(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Prompter {
  let muted = false;
  const sink = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const terminal = Boolean((input as { isTTY?: boolean }).isTTY);
  const rl: Interface = createInterface({ input, output: sink, terminal });
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  rl.on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.on("close", () => {
    ended = true;
    for (const next of waiting.splice(0)) next(null);
  });
  const nextLine = (): Promise<string> => {
    if (lines.length > 0) return Promise.resolve(lines.shift() as string);
    if (ended) return Promise.reject(new Error("Input ended before an answer was given."));
    return new Promise((resolve, reject) => waiting.push((line) => (line === null ? reject(new Error("Input ended before an answer was given.")) : resolve(line))));
  };
  return {
    async ask(question) {
      output.write(question);
      return nextLine();
    },
    async askHidden(question) {
      output.write(question);
      muted = true;
      try {
        return await nextLine();
      } finally {
        muted = false;
        if (terminal) output.write("\n");
      }
    },
    close: () => rl.close(),
  };
}
