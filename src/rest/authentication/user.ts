/**
 * What the request pipeline needs to know about a user. Authentication classes return any
 * object with this shape (a model instance with these getters, a token payload, ...).
 */
export interface RestUser {
  readonly isAuthenticated: boolean;
  /** Staff users pass `IsAdminUser` (Django's `is_staff`). */
  readonly isStaff?: boolean;
  /** Inactive users are refused by the built-in authentication classes. */
  readonly isActive?: boolean;
  /** Key for per-user throttling; falls back to the client address when absent. */
  readonly pk?: unknown;
  /** Django's `user.has_perms`, used by model permissions. */
  hasPerms?(perms: readonly string[], obj?: unknown): boolean | Promise<boolean>;
}

/** Django's `AnonymousUser`: the user of every request no authentication class accepted. */
export const AnonymousUser: RestUser = Object.freeze({
  isAuthenticated: false,
  isStaff: false,
  isActive: false,
  pk: null,
  hasPerms: () => false,
});
