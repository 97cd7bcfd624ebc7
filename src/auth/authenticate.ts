import { User } from "./models/user.js";

export interface Credentials {
  readonly username: string;
  readonly password: string;
  /** Database alias; the default database when absent. */
  readonly using?: string;
}

/**
 * Django's `authenticate()` with its `ModelBackend`: the active user with this username and
 * password, or null. An unknown username still hashes the password once, so the response time
 * does not tell which usernames exist; a match against an outdated hash upgrades it.
 */
export async function authenticate(credentials: Credentials): Promise<User | null> {
  const { username, password, using } = credentials;
  if (typeof username !== "string" || typeof password !== "string") return null;
  const user = await User.objects.using(using).filter({ username }).first();
  if (!user) {
    await new User().setPassword(password);
    return null;
  }
  if (!(await user.checkPassword(password, { using }))) return null;
  return user.is_active ? user : null;
}
