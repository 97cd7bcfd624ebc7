import { SerializerField, type SerializerFieldOptions } from "./base.js";
import { CharField } from "./text.js";

/**
 * A password as a User serializer takes it: write-only (never rendered), not trimmed, at most
 * 128 characters, and hashed with torest/auth's preferred hasher on write, so the model stores
 * Django's `pbkdf2_sha256$...` form, never the text.
 */
export class PasswordField extends SerializerField<string> {
  static override defaultErrorMessages = CharField.defaultErrorMessages;
  readonly type = "string";
  readonly #text: CharField;

  constructor(options: SerializerFieldOptions = {}) {
    super({ ...options, writeOnly: true });
    this.#text = new CharField({ maxLength: 128, trimWhitespace: false, errorMessages: options.errorMessages });
  }

  async toInternal(data: unknown): Promise<string> {
    const raw = this.#text.toInternal(data);
    // Loaded on use: torest/rest does not register the auth models by itself.
    const { makePassword } = await import("../../../auth/hashers/passwords.js");
    return makePassword(raw);
  }

  override metadata(): Record<string, unknown> {
    return this.#text.metadata();
  }
}
