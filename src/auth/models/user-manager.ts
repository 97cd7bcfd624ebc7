import { Manager, ValidationError, type Lookups, type ModelClass } from "../../index.js";
import { optionsOf } from "../../orm/model/meta-of.js";

interface UserFields {
  username: string;
  email: string;
  is_staff: boolean;
  is_superuser: boolean;
  setPassword(raw: string | null): Promise<void>;
  save(options?: { using?: string }): Promise<void>;
}

export interface CreateUserOptions {
  email?: string;
  /** null or absent: an unusable password (the user cannot log in with one). */
  password?: string | null;
  /** Other `auth_user` columns: `first_name`, `is_staff`, ... */
  extra?: Record<string, unknown>;
  using?: string;
}

const managers = new WeakMap<Function, UserManager<any>>();

/** Django's `normalize_email`: the domain part lower-cased. */
export function normalizeEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? email : email.slice(0, at) + email.slice(at).toLowerCase();
}

/** Django's `UserManager`: user creation with a hashed password. */
export class UserManager<U extends UserFields> extends Manager<U> {
  static of<U extends UserFields>(model: Function): UserManager<U> {
    let manager = managers.get(model);
    if (!manager) managers.set(model, (manager = new UserManager(optionsOf(model))));
    return manager as UserManager<U>;
  }

  /** Django's `create_user`: validates, hashes the password, saves. */
  async createUser(username: string, options: CreateUserOptions = {}): Promise<U> {
    if (!username) throw new ValidationError("The given username must be set", { code: "required" });
    const model = this.options.model as ModelClass<U>;
    const user = new model({
      is_staff: false,
      is_superuser: false,
      ...options.extra,
      username: username.normalize("NFKC"),
      email: normalizeEmail(options.email ?? ""),
    });
    await user.setPassword(options.password ?? null);
    await (user as unknown as { fullClean(o?: { exclude?: string[]; using?: string }): Promise<void> }).fullClean({ exclude: ["password"], using: options.using });
    await user.save({ using: options.using });
    return user;
  }

  /** Django's `create_superuser`: staff and superuser; refuses `is_staff: false` / `is_superuser: false`. */
  async createSuperuser(username: string, options: CreateUserOptions = {}): Promise<U> {
    const extra = { is_staff: true, is_superuser: true, ...options.extra };
    if (extra.is_staff !== true) throw new ValidationError("Superuser must have is_staff=True.");
    if (extra.is_superuser !== true) throw new ValidationError("Superuser must have is_superuser=True.");
    return this.createUser(username, { ...options, extra });
  }

  /** Django's `get_by_natural_key`: the user with this username (exact match). */
  getByNaturalKey(username: string, using?: string): Promise<U> {
    // U is any user model: the key is checked when the query is built, not by the types.
    const byUsername: Lookups = { username };
    return this.using(using).get(byUsername);
  }
}
