import type { ViewHandler } from "../views/view-handler.js";
import type { JwtSettings } from "./jwt.js";
import { TokenObtainPairView, TokenRefreshView, TokenVerifyView } from "./jwt-views.js";
import { LoginView, LogoutView } from "./login-views.js";
import { ObtainAuthToken } from "./obtain-token-view.js";

export interface AuthRoute {
  readonly pattern: string;
  readonly name: string;
  readonly view: ViewHandler;
}

/**
 * The login endpoints, below restifyApp's prefix (`restifyApp("rest/v1", { routes: authRoutes() })`):
 * `api-auth/login/` and `api-auth/logout/` (sessions, DRF's `rest_framework.urls`),
 * `api-token-auth/` (DRF's `obtain_auth_token`), and simplejwt's `token/`, `token/refresh/`,
 * `token/verify/`.
 */
export function authRoutes(options: { session?: boolean; token?: boolean; jwt?: boolean | JwtSettings } = {}): AuthRoute[] {
  const routes: AuthRoute[] = [];
  if (options.session ?? true) {
    routes.push({ pattern: "api-auth/login/", name: "login", view: LoginView.asView() });
    routes.push({ pattern: "api-auth/logout/", name: "logout", view: LogoutView.asView() });
  }
  if (options.token ?? true) routes.push({ pattern: "api-token-auth/", name: "api-token-auth", view: ObtainAuthToken.asView() });
  const jwt = options.jwt ?? true;
  if (jwt) {
    // Lifetimes and key shared with the JWTAuthentication(settings) that checks the tokens.
    const init = jwt === true ? {} : { jwt };
    routes.push({ pattern: "token/", name: "token_obtain_pair", view: TokenObtainPairView.asView(init) });
    routes.push({ pattern: "token/refresh/", name: "token_refresh", view: TokenRefreshView.asView(init) });
    routes.push({ pattern: "token/verify/", name: "token_verify", view: TokenVerifyView.asView(init) });
  }
  return routes;
}
