export { type Permission, SAFE_METHODS, and, or, not } from "./permission.js";
export { AllowAny, IsAuthenticated, IsAdminUser, IsAuthenticatedOrReadOnly } from "./builtins.js";
export {
  DjangoModelPermissions, DjangoModelPermissionsOrAnonReadOnly, DjangoObjectPermissions, DEFAULT_PERMS_MAP, type PermsMap,
} from "./model-permissions.js";
