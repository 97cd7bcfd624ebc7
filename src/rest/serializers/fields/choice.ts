import { SerializerField, type SerializerFieldOptions } from "./base.js";

export interface ChoiceFieldOptions extends SerializerFieldOptions {
  choices: readonly (readonly [unknown, string])[];
  allowBlank?: boolean;
}

/** One of a fixed set of values (DRF's `ChoiceField`); matched by their string form, as DRF does. */
export class ChoiceField extends SerializerField<unknown> {
  static override defaultErrorMessages = {
    ...SerializerField.defaultErrorMessages,
    invalid_choice: '"{input}" is not a valid choice.',
  };
  readonly type = "choice";
  readonly choices: readonly (readonly [unknown, string])[];
  readonly allowBlank: boolean;
  readonly #byText: Map<string, unknown>;

  constructor(options: ChoiceFieldOptions) {
    super(options);
    this.choices = options.choices;
    this.allowBlank = options.allowBlank ?? false;
    this.#byText = new Map(options.choices.map(([value]) => [String(value), value]));
  }

  toInternal(data: unknown): unknown {
    if (data === "" && this.allowBlank) return "";
    const text = typeof data === "object" ? JSON.stringify(data) : String(data);
    if (!this.#byText.has(text)) this.fail("invalid_choice", { input: text });
    return this.#byText.get(text);
  }

  override metadata(): Record<string, unknown> {
    return { choices: this.choices.map(([value, label]) => ({ value, display_name: label })) };
  }
}
