import { SAFE_METHODS, type Permission } from "./permission.js";

/** Everyone may do everything (DRF's default). */
export const AllowAny: Permission = {
  hasPermission: () => true,
};

/** Only authenticated users. */
export const IsAuthenticated: Permission = {
  hasPermission: (request) => request.user.isAuthenticated,
};

/** Only staff users (`user.isStaff`). */
export const IsAdminUser: Permission = {
  hasPermission: (request) => request.user.isStaff === true,
};

/** Anyone may read (GET, HEAD, OPTIONS); only authenticated users may write. */
export const IsAuthenticatedOrReadOnly: Permission = {
  hasPermission: (request) => SAFE_METHODS.has(request.method) || request.user.isAuthenticated,
};
