/**
 * What happens to rows pointing at a deleted row (Django's `on_delete`). Each rule is a small
 * object the deletion collector calls; see `orm/deletion/collector.ts`.
 */
export type OnDeleteKind = "CASCADE" | "PROTECT" | "RESTRICT" | "SET_NULL" | "SET_DEFAULT" | "SET" | "DO_NOTHING";

export interface OnDelete {
  readonly kind: OnDeleteKind;
  /** For SET: the value (or a function giving it) written into the foreign key. */
  readonly value?: unknown;
}

export const CASCADE: OnDelete = { kind: "CASCADE" };
export const PROTECT: OnDelete = { kind: "PROTECT" };
export const RESTRICT: OnDelete = { kind: "RESTRICT" };
export const SET_NULL: OnDelete = { kind: "SET_NULL" };
export const SET_DEFAULT: OnDelete = { kind: "SET_DEFAULT" };
export const DO_NOTHING: OnDelete = { kind: "DO_NOTHING" };

/** Set the foreign key to a value, or to what a function returns at delete time. */
export function SET(value: unknown): OnDelete {
  return { kind: "SET", value };
}
