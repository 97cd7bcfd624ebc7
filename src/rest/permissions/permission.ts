import type { RestRequest } from "../http/request.js";
import type { APIView } from "../views/api-view.js";

/**
 * A yes/no rule on a request (DRF's `BasePermission`): one method for the request, an optional
 * one for a given object. When it says no, the client gets 403 with `message` (or 401 when it
 * did not authenticate at all). Combine with {@link and}, {@link or}, {@link not}.
 */
export interface Permission {
  hasPermission(request: RestRequest, view: APIView): boolean | Promise<boolean>;
  /** Checked by `view.checkObjectPermissions(request, obj)`; absent means yes. */
  hasObjectPermission?(request: RestRequest, view: APIView, obj: unknown): boolean | Promise<boolean>;
  readonly message?: string;
  readonly code?: string;
}

/** Methods that do not change anything. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

const objectPermission = (p: Permission, request: RestRequest, view: APIView, obj: unknown) =>
  p.hasObjectPermission ? p.hasObjectPermission(request, view, obj) : true;

/** Every permission must pass (DRF's `A & B`). */
export function and(...permissions: Permission[]): Permission {
  return {
    async hasPermission(request, view) {
      for (const p of permissions) if (!(await p.hasPermission(request, view))) return false;
      return true;
    },
    async hasObjectPermission(request, view, obj) {
      for (const p of permissions) if (!(await objectPermission(p, request, view, obj))) return false;
      return true;
    },
  };
}

/**
 * One permission must pass (DRF's `A | B`). For objects, one permission must grant both the
 * request and the object, so `or(IsAdminUser, IsOwner)` never lets a non-owner through.
 */
export function or(...permissions: Permission[]): Permission {
  return {
    async hasPermission(request, view) {
      for (const p of permissions) if (await p.hasPermission(request, view)) return true;
      return false;
    },
    async hasObjectPermission(request, view, obj) {
      for (const p of permissions) {
        if ((await p.hasPermission(request, view)) && (await objectPermission(p, request, view, obj))) {
          return true;
        }
      }
      return false;
    },
  };
}

/** The permission must fail (DRF's `~A`). */
export function not(permission: Permission): Permission {
  return {
    async hasPermission(request, view) {
      return !(await permission.hasPermission(request, view));
    },
    async hasObjectPermission(request, view, obj) {
      return !(await objectPermission(permission, request, view, obj));
    },
  };
}
