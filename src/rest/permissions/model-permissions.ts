import { MethodNotAllowed } from "../errors/exceptions.js";
import type { Permission } from "./permission.js";

/** Method → required permission codes; `{app}` and `{model}` are filled from the view's model. */
export type PermsMap = Readonly<Record<string, readonly string[]>>;

/** DRF's default `DjangoModelPermissions.perms_map` (GET/HEAD/OPTIONS need nothing). */
export const DEFAULT_PERMS_MAP: PermsMap = {
  GET: [],
  OPTIONS: [],
  HEAD: [],
  POST: ["{app}.add_{model}"],
  PUT: ["{app}.change_{model}"],
  PATCH: ["{app}.change_{model}"],
  DELETE: ["{app}.delete_{model}"],
};

/**
 * DRF's `DjangoModelPermissions`: the user must be authenticated and hold the model permissions
 * the method needs (`user.hasPerms(["polls.add_question"])`). A method missing from the map
 * answers 405, as in DRF.
 *
 * ```ts
 * permissions: [IsAuthenticated, DjangoModelPermissions({ ...DEFAULT_PERMS_MAP, GET: ["{app}.view_{model}"] })]
 * ```
 */
export function DjangoModelPermissions(permsMap: PermsMap = DEFAULT_PERMS_MAP): Permission {
  return {
    async hasPermission(request, view) {
      if (!request.user.isAuthenticated) return false;
      const codes = permsMap[request.method];
      if (codes === undefined) throw new MethodNotAllowed(request.method);
      const meta = (view as unknown as { model?: { meta: { appLabel: string; modelName: string } } }).model?.meta;
      const perms = codes.map((c) => c.replace("{app}", meta?.appLabel ?? "").replace("{model}", meta?.modelName ?? ""));
      if (perms.length === 0) return true;
      return (await request.user.hasPerms?.(perms)) ?? false;
    },
  };
}
