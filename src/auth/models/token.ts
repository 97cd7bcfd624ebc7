import { randomBytes } from "node:crypto";
import { CASCADE, CharField, DateTimeField, IntegrityError, Model, OneToOneField } from "../../index.js";
import { User } from "./user.js";

/**
 * DRF's `authtoken.Token` (`authtoken_token`): one 40-hex-digit key per user, sent as
 * `Authorization: Token <key>`.
 */
export class Token extends Model("authtoken", {
  key: CharField({ maxLength: 40, primaryKey: true, verboseName: "Key" }),
  user: OneToOneField(() => User, { onDelete: CASCADE, relatedName: "auth_token", verboseName: "User" }),
  created: DateTimeField({ autoNowAdd: true, verboseName: "Created" }),
}, { dbTable: "authtoken_token", verboseName: "Token", verboseNamePlural: "Tokens" }) {
  /** DRF's `generate_key`: 20 random bytes in hex. */
  static generateKey(): string {
    return randomBytes(20).toString("hex");
  }

  /**
   * DRF's `Token.objects.get_or_create(user=user)`: two concurrent first logins both get the
   * one token (the loser of the insert race reads the winner's row).
   */
  static async forUser(user: User, using?: string): Promise<Token> {
    const existing = await Token.objects.using(using).filter({ user_id: user.pk }).first();
    if (existing) return existing;
    try {
      return await Token.objects.using(using).create({ key: Token.generateKey(), user_id: user.pk });
    } catch (error) {
      if (!(error instanceof IntegrityError)) throw error;
      return Token.objects.using(using).get({ user_id: user.pk });
    }
  }

  override toString(): string {
    return this.key;
  }
}
