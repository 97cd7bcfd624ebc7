import { createInterface, type Interface } from "node:readline";

/** What makemigrations asks a person (Django's `MigrationQuestioner`). */
export interface Questioner {
  askRenameModel(appLabel: string, oldName: string, newName: string): Promise<boolean>;
  askRename(modelName: string, oldName: string, newName: string, kind: string): Promise<boolean>;
  /** A one-off default for existing rows, or undefined to give up (makemigrations exits). */
  askNotNullDefault(modelName: string, fieldName: string, adding: boolean): Promise<{ value: unknown } | undefined>;
}

/** Answers from flags: `--rename` says yes to every rename, `--default VALUE` gives one-off defaults. */
export class FlagQuestioner implements Questioner {
  constructor(private readonly options: { rename?: boolean; default?: string }) {}

  async askRenameModel(): Promise<boolean> {
    return this.options.rename ?? false;
  }

  async askRename(): Promise<boolean> {
    return this.options.rename ?? false;
  }

  async askNotNullDefault(): Promise<{ value: unknown } | undefined> {
    return this.options.default === undefined ? undefined : { value: parseDefault(this.options.default) };
  }
}

/** A typed default: JSON when it parses (`0`, `true`, `"x"`, `null`), else the text itself. */
export function parseDefault(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Asks on the terminal (or reads answers piped to stdin), with Django's wording. At the end of
 * input the default answer is taken (No, and no one-off default); flags answer first.
 */
export class InteractiveQuestioner implements Questioner {
  private readonly lines: string[] = [];
  private waiting: ((line: string | null) => void) | null = null;
  private ended = false;
  private readonly rl: Interface;

  constructor(private readonly flags: FlagQuestioner, private readonly out: (text: string) => void = (t) => process.stdout.write(t)) {
    this.rl = createInterface({ input: process.stdin, terminal: false });
    this.rl.on("line", (line) => (this.waiting ? this.take(line) : this.lines.push(line)));
    this.rl.on("close", () => {
      this.ended = true;
      this.take(null);
    });
  }

  private take(line: string | null): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(line);
  }

  private async ask(prompt: string): Promise<string | null> {
    this.out(prompt);
    if (this.lines.length) return this.lines.shift()!;
    if (this.ended) return null;
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private async yesNo(prompt: string): Promise<boolean> {
    const answer = await this.ask(`${prompt} [y/N] `);
    if (answer === null) this.out("\n");
    return /^y(es)?$/i.test((answer ?? "").trim());
  }

  async askRenameModel(appLabel: string, oldName: string, newName: string): Promise<boolean> {
    if (await this.flags.askRenameModel()) return true;
    return this.yesNo(`Was the model ${appLabel}.${oldName} renamed to ${newName}?`);
  }

  async askRename(modelName: string, oldName: string, newName: string, kind: string): Promise<boolean> {
    if (await this.flags.askRename()) return true;
    return this.yesNo(`Was ${modelName}.${oldName} renamed to ${modelName}.${newName} (a ${kind})?`);
  }

  async askNotNullDefault(modelName: string, fieldName: string, adding: boolean): Promise<{ value: unknown } | undefined> {
    const flagged = await this.flags.askNotNullDefault();
    if (flagged) return flagged;
    this.out(adding
      ? `It is impossible to add a non-nullable field '${fieldName}' to ${modelName} without specifying a default. This is because the database needs something to populate existing rows.\n`
      : `It is impossible to change a nullable field '${fieldName}' on ${modelName} to non-nullable without providing a default. This is because the database needs something to populate existing rows.\n`);
    this.out(" 1) Provide a one-off default now (will be set on all existing rows with a null value for this column)\n 2) Quit and manually define a default value in the model.\n");
    const choice = await this.ask("Select an option: ");
    if (choice?.trim() !== "1") return undefined;
    const value = await this.ask("Please enter the default value as JSON (0, \"text\", true, null); plain text is taken as a string:\n>>> ");
    return value === null ? undefined : { value: parseDefault(value) };
  }

  close(): void {
    this.rl.close();
  }
}
