import { Permission } from "./permission.js";

/** Loaded permissions per user instance (Django's `_perm_cache`), dropped with the instance. */
const cache = new WeakMap<object, Promise<Set<string>>>();

interface UserLike {
  readonly pk: unknown;
}

/**
 * Django's `ModelBackend.get_all_permissions` for an active user: the permissions granted
 * directly and through groups, as `"app_label.codename"`, cached on the instance.
 */
export function userPermissions(user: UserLike): Promise<Set<string>> {
  let found = cache.get(user);
  if (!found) {
    found = load(user);
    cache.set(user, found);
    // A failed load is not cached: the next check asks the database again.
    found.catch(() => cache.delete(user));
  }
  return found;
}

/** Forget the cached permissions (after granting some, as Django's refetch advice). */
export function clearPermissionCache(user: object): void {
  cache.delete(user);
}

async function load(user: UserLike): Promise<Set<string>> {
  const names = (filter: Record<string, unknown>) =>
    Permission.objects.filter(filter).valuesList("content_type__app_label", "codename") as unknown as Promise<[string, string][]>;
  const [direct, viaGroups] = [await names({ user: user.pk }), await names({ group__user: user.pk })];
  return new Set([...direct, ...viaGroups].map(([app, codename]) => `${app}.${codename}`));
}
