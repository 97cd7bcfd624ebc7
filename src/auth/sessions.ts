import { constantTimeEqual, randomString } from "./hashers/hasher.js";
import { Session } from "./models/session.js";
import { User } from "./models/user.js";
import { dumps, loads, saltedHmac } from "./signing.js";

/** Django's `SESSION_COOKIE_AGE`: two weeks. */
export const SESSION_COOKIE_AGE = 1_209_600;
/** Django's `SessionStore.key_salt` for the database backend. */
const SESSION_SALT = "django.contrib.sessions.SessionStore";
const BACKEND = "django.contrib.auth.backends.ModelBackend";
const KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

export type SessionData = Record<string, unknown>;

/** Django's `get_session_auth_hash`: changing the password logs the user's sessions out. */
export const sessionAuthHash = (user: User): string =>
  saltedHmac("django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash", user.password).toString("hex");

/** Django's `SessionBase.encode` (signed, compressed JSON): a Django project with the same secret reads it. */
export const encodeSession = (data: SessionData): string => dumps(data, SESSION_SALT, { compress: true });

/** Django's `decode`: `{}` for data that does not verify. */
export function decodeSession(text: string): SessionData {
  const data = loads(text, SESSION_SALT);
  return data && typeof data === "object" && !Array.isArray(data) ? (data as SessionData) : {};
}

/** The unexpired session of this key, or null (Django's database `SessionStore.load`). */
export async function loadSession(key: string | undefined, using?: string): Promise<SessionData | null> {
  if (!key || key.length < 8 || key.length > 40 || !/^[a-z0-9]+$/.test(key)) return null;
  const row = await Session.objects.using(using).filter({ session_key: key, expire_date__gt: new Date() }).first();
  return row ? decodeSession(row.session_data) : null;
}

/** A new session with this data; returns its key (32 characters of a-z0-9, as Django's). */
export async function createSession(data: SessionData, options: { maxAge?: number; using?: string } = {}): Promise<string> {
  const key = randomString(32, KEY_CHARS);
  const expire = new Date(Date.now() + (options.maxAge ?? SESSION_COOKIE_AGE) * 1000);
  await Session.objects.using(options.using).create({ session_key: key, session_data: encodeSession(data), expire_date: expire });
  return key;
}

export async function deleteSession(key: string | undefined, using?: string): Promise<void> {
  if (key) await Session.objects.using(using).filter({ session_key: key }).delete();
}

/**
 * Django's `login()`: a new session (the old one, if any, is removed: a fixed session key
 * cannot be reused) holding the user's id, backend and password hash; `last_login` updated.
 */
export async function loginSession(user: User, options: { previousKey?: string; using?: string } = {}): Promise<string> {
  await deleteSession(options.previousKey, options.using);
  const key = await createSession({ _auth_user_id: String(user.pk), _auth_user_backend: BACKEND, _auth_user_hash: sessionAuthHash(user) }, options);
  await User.objects.using(options.using).filter({ pk: user.pk }).update({ last_login: new Date() });
  return key;
}

/**
 * Django's `get_user(request)`: the active user of a session whose stored password hash still
 * matches (a password change ends older sessions), else null.
 */
export async function sessionUser(key: string | undefined, using?: string): Promise<User | null> {
  const data = await loadSession(key, using);
  const id = data?._auth_user_id;
  if (typeof id !== "string" && typeof id !== "number") return null;
  const user = await User.objects.using(using).filter({ pk: id }).first();
  if (!user || !user.is_active) return null;
  const hash = data?._auth_user_hash;
  if (typeof hash !== "string" || !constantTimeEqual(hash, sessionAuthHash(user))) return null;
  return user;
}
