import { AutoField, BooleanField, CharField, DateTimeField, EmailField, ManyToManyField, Model, validators } from "../../index.js";
import { checkPassword, isPasswordUsable, makePassword } from "../hashers/passwords.js";
import { Group } from "./group.js";
import { Permission } from "./permission.js";
import { UserManager } from "./user-manager.js";
import { userPermissions } from "./user-permissions.js";

/** Django's `UnicodeUsernameValidator`. */
const usernameValidator = validators.RegexValidator(
  /^[\p{L}\p{N}_.@+-]+$/u,
  "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
);

/**
 * Django's `User` (`auth_user` and its `auth_user_groups` / `auth_user_user_permissions`
 * tables), column for column, so a Django project's users log in unchanged. It is also the
 * `request.user` of the built-in authentication classes.
 *
 * ```ts
 * const ada = await User.objects.createUser("ada", { email: "ada@example.com", password: "s3cret!" });
 * await ada.hasPerm("polls.view_question");
 * ```
 */
export class User extends Model("auth", {
  id: AutoField({ primaryKey: true, verboseName: "ID" }),
  password: CharField({ maxLength: 128, verboseName: "password" }),
  last_login: DateTimeField({ blank: true, null: true, verboseName: "last login" }),
  is_superuser: BooleanField({ default: false, verboseName: "superuser status" }),
  username: CharField({
    maxLength: 150,
    unique: true,
    validators: [usernameValidator],
    errorMessages: { unique: "A user with that username already exists." },
  }),
  first_name: CharField({ maxLength: 150, blank: true, verboseName: "first name" }),
  last_name: CharField({ maxLength: 150, blank: true, verboseName: "last name" }),
  email: EmailField({ blank: true, verboseName: "email address" }),
  is_staff: BooleanField({ default: false, verboseName: "staff status" }),
  is_active: BooleanField({ default: true, verboseName: "active" }),
  date_joined: DateTimeField({ default: () => new Date(), verboseName: "date joined" }),
  groups: ManyToManyField(() => Group, { blank: true, relatedName: "user_set", relatedQueryName: "user" }),
  user_permissions: ManyToManyField(() => Permission, {
    blank: true,
    relatedName: "user_set",
    relatedQueryName: "user",
    verboseName: "user permissions",
  }),
}, { dbTable: "auth_user", verboseName: "user", verboseNamePlural: "users" }) {
  /** Columns a restified User takes as write-only, hashed passwords (never rendered). */
  static readonly passwordFields: readonly string[] = ["password"];

  /** The default manager, with `createUser` / `createSuperuser` (Django's `UserManager`). */
  declare static readonly objects: UserManager<User>;

  // What the REST pipeline reads (`RestUser`).
  get isAuthenticated(): boolean {
    return true;
  }

  get isAnonymous(): boolean {
    return false;
  }

  get isStaff(): boolean {
    return this.is_staff;
  }

  get isActive(): boolean {
    return this.is_active;
  }

  get isSuperuser(): boolean {
    return this.is_superuser;
  }

  /** Django's `set_password`: hashes with the preferred hasher (not saved until `save()`). */
  async setPassword(raw: string | null): Promise<void> {
    this.password = await makePassword(raw);
  }

  /** Django's `set_unusable_password`: the user can no longer log in with a password. */
  setUnusablePassword(): Promise<void> {
    return this.setPassword(null);
  }

  hasUsablePassword(): boolean {
    return isPasswordUsable(this.password);
  }

  /**
   * Django's `check_password`; a match against an outdated hash stores a fresh one (only the
   * `password` column is written).
   */
  async checkPassword(raw: string, options: { using?: string } = {}): Promise<boolean> {
    return checkPassword(raw, this.password, async (password) => {
      await this.setPassword(password);
      await this.save({ updateFields: ["password"], using: options.using });
    });
  }

  /** Django's `get_all_permissions`: `"app.codename"` of the user's and their groups' permissions. */
  async getAllPermissions(): Promise<Set<string>> {
    if (!this.is_active) return new Set();
    return userPermissions(this);
  }

  /** Django's `has_perm`: active superusers have all; inactive users none; no object permissions. */
  async hasPerm(perm: string, obj?: unknown): Promise<boolean> {
    if (this.is_active && this.is_superuser) return true;
    if (obj !== undefined && obj !== null) return false;
    return (await this.getAllPermissions()).has(perm);
  }

  /** Django's `has_perms`: every one of `perms`. */
  async hasPerms(perms: readonly string[], obj?: unknown): Promise<boolean> {
    for (const perm of perms) if (!(await this.hasPerm(perm, obj))) return false;
    return true;
  }

  /** Django's `has_module_perms`: any permission in the app. */
  async hasModulePerms(appLabel: string): Promise<boolean> {
    if (this.is_active && this.is_superuser) return true;
    for (const perm of await this.getAllPermissions()) if (perm.startsWith(`${appLabel}.`)) return true;
    return false;
  }

  getUsername(): string {
    return this.username;
  }

  override toString(): string {
    return this.username;
  }
}

Object.defineProperty(User, "objects", {
  get(this: Function) {
    return UserManager.of(this);
  },
});
