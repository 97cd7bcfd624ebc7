import { MethodNotAllowed, NotFound } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import type { APIView } from "../views/api-view.js";
import { SAFE_METHODS, type Permission } from "./permission.js";

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

type ModelMeta = { appLabel: string; modelName: string };

/**
 * The model whose permissions a view needs (DRF's `_queryset(view).model`). Nested routes set
 * `permissionModel` while checking their parent's permissions, so `/question1/1/choices/`
 * asks for `view_question1` from the parent's permission classes.
 */
function modelMeta(view: APIView): ModelMeta | undefined {
  const v = view as unknown as { permissionModel?: { meta: ModelMeta }; model?: { meta: ModelMeta } };
  return (v.permissionModel ?? v.model)?.meta;
}

/** DRF's `get_required_permissions`: 405 for a method the map does not name. */
function requiredPermissions(permsMap: PermsMap, method: string, view: APIView): string[] {
  const codes = permsMap[method];
  if (codes === undefined) throw new MethodNotAllowed(method);
  const meta = modelMeta(view);
  return codes.map((c) => c.replace("{app}", meta?.appLabel ?? "").replace("{model}", meta?.modelName ?? ""));
}

async function hasPerms(request: RestRequest, perms: string[], obj?: unknown): Promise<boolean> {
  if (perms.length === 0) return true;
  return (await request.user.hasPerms?.(perms, obj)) ?? false;
}

function modelPermissions(permsMap: PermsMap, authenticatedUsersOnly: boolean): Permission {
  return {
    async hasPermission(request, view) {
      if (!request.user.isAuthenticated && authenticatedUsersOnly) return false;
      return hasPerms(request, requiredPermissions(permsMap, request.method, view));
    },
  };
}

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
  return modelPermissions(permsMap, true);
}

/** DRF's `DjangoModelPermissionsOrAnonReadOnly`: as above, but anonymous users may read. */
export function DjangoModelPermissionsOrAnonReadOnly(permsMap: PermsMap = DEFAULT_PERMS_MAP): Permission {
  return modelPermissions(permsMap, false);
}

/**
 * DRF's `DjangoObjectPermissions`: model permissions for the request, then per-object
 * permissions (`user.hasPerms(perms, obj)`, which a user model with an object-permission
 * backend answers; torest/auth's users, like Django's ModelBackend, grant none but to
 * superusers). A refused read, or a refused write by someone who may not even read the object,
 * answers 404 so the object's existence is not revealed.
 */
export function DjangoObjectPermissions(permsMap: PermsMap = DEFAULT_PERMS_MAP): Permission {
  const model = modelPermissions(permsMap, true);
  return {
    hasPermission: model.hasPermission,
    async hasObjectPermission(request, view, obj) {
      const perms = requiredPermissions(permsMap, request.method, view);
      if (await hasPerms(request, perms, obj)) return true;
      if (SAFE_METHODS.has(request.method)) throw new NotFound();
      if (!(await hasPerms(request, requiredPermissions(permsMap, "GET", view), obj))) throw new NotFound();
      return false;
    },
  };
}
