/**
 * torest/auth: Django's `django.contrib.auth` (with contenttypes, sessions and DRF's authtoken)
 * as a torest app. Enable it in the project config, as Django's INSTALLED_APPS:
 *
 * ```ts
 * import * as auth from "torest/auth";
 * export default defineConfig({ apps: [auth], models: [polls] });
 * ```
 */
import { fileURLToPath } from "node:url";
import type { ModelClass } from "../index.js";
import { createPermissions } from "./create-permissions.js";
import { ContentType } from "./models/content-type.js";
import { Group } from "./models/group.js";
import { Permission } from "./models/permission.js";
import { Session } from "./models/session.js";
import { Token } from "./models/token.js";
import { User } from "./models/user.js";

export { ContentType, Group, Permission, Session, Token, User };
export { UserManager, normalizeEmail, type CreateUserOptions } from "./models/user-manager.js";
export { clearPermissionCache } from "./models/user-permissions.js";
export { authenticate, type Credentials } from "./authenticate.js";
export { createPermissions, permissionsOf, DEFAULT_PERMISSIONS } from "./create-permissions.js";
export { type PasswordHasher, constantTimeEqual, randomString } from "./hashers/hasher.js";
export { PBKDF2PasswordHasher, PBKDF2SHA1PasswordHasher, PBKDF2_ITERATIONS } from "./hashers/pbkdf2.js";
export { ScryptPasswordHasher } from "./hashers/scrypt.js";
export {
  configureHashers, preferredHasher, identifyHasher, makePassword, checkPassword, isPasswordUsable, UNUSABLE_PASSWORD_PREFIX,
} from "./hashers/passwords.js";

/** The app's models (a `TorestApp`): tables and migrations, not served unless listed in `models`. */
export const models: readonly ModelClass[] = [ContentType, Permission, Group, User, Token, Session];

/**
 * The migration files shipped next to the built module, one folder per app label
 * (`contenttypes`, `auth`, `authtoken`, `sessions`).
 */
export const migrations: string = fileURLToPath(new URL("./migrations/", import.meta.url));

/** After `migrate`: content types and the four default permissions of every model (Django's post_migrate). */
export async function postMigrate(context: { readonly using: string }): Promise<void> {
  await createPermissions(context);
}
export { secretKey, configureSecretKey } from "./secret-key.js";
export { dumps, loads, saltedHmac } from "./signing.js";
export {
  SESSION_COOKIE_AGE, createSession, loadSession, deleteSession, loginSession, sessionUser, sessionAuthHash, encodeSession, decodeSession,
  type SessionData,
} from "./sessions.js";
