export { type Permission, SAFE_METHODS, and, or, not } from "./permission.js";
export { AllowAny, IsAuthenticated, IsAdminUser, IsAuthenticatedOrReadOnly } from "./builtins.js";
