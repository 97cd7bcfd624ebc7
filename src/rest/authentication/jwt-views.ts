import { AuthenticationFailed, ValidationError } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import { QueryDict } from "../http/query-dict.js";
import { RestResponse } from "../http/response.js";
import { AllowAny } from "../permissions/builtins.js";
import { APIView } from "../views/api-view.js";
import { loadAuth } from "./auth-module.js";
import { readCredentials } from "./credentials.js";
import { DEFAULT_JWT, issueToken, verifyToken, type JwtSettings } from "./jwt.js";
import { throttledLogin } from "./login-throttle.js";

/** What simplejwt's views share: no authentication, 401 answers with `Bearer realm="api"`. */
abstract class TokenViewBase extends APIView {
  override authentication = [];
  override permissions = [AllowAny];
  override throttles = [];
  jwt: JwtSettings = DEFAULT_JWT;

  protected field(request: RestRequest, name: string): string {
    const data = request.data;
    const value = data instanceof QueryDict ? data.get(name) : data && typeof data === "object" ? (data as Record<string, unknown>)[name] : undefined;
    if (value === undefined || value === null) throw new ValidationError({ [name]: ["This field is required."] });
    if (typeof value !== "string" || value === "") throw new ValidationError({ [name]: [typeof value === "string" ? "This field may not be blank." : "Not a valid string."] });
    return value;
  }

  override handleException(request: RestRequest, error: unknown): RestResponse {
    const response = super.handleException(request, error);
    if (error instanceof AuthenticationFailed) {
      response.status = 401;
      response.headers["www-authenticate"] = 'Bearer realm="api"';
    }
    return response;
  }
}

/** simplejwt's `TokenObtainPairView` (`/token/`): username and password → `{"refresh", "access"}`. */
export class TokenObtainPairView extends TokenViewBase {
  /** Failed logins here are throttled (429): described in the OpenAPI document. */
  readonly throttlesFailedLogins = true;
  override viewName = "Token Obtain Pair";

  async post(request: RestRequest): Promise<RestResponse> {
    const { username, password } = readCredentials(request);
    const auth = await loadAuth();
    const user = await throttledLogin(request, username, () => auth.authenticate({ username, password }));
    if (!user) throw new AuthenticationFailed({ detail: "No active account found with the given credentials", code: "no_active_account" } as never);
    await auth.User.objects.filter({ pk: user.pk }).update({ last_login: new Date() });
    return new RestResponse({ refresh: await issueToken("refresh", user.pk, this.jwt), access: await issueToken("access", user.pk, this.jwt) });
  }
}

/** simplejwt's `TokenRefreshView` (`/token/refresh/`): a refresh token → `{"access"}`. */
export class TokenRefreshView extends TokenViewBase {
  override viewName = "Token Refresh";

  async post(request: RestRequest): Promise<RestResponse> {
    const payload = await verifyToken(this.field(request, "refresh"), "refresh", this.jwt);
    return new RestResponse({ access: await issueToken("access", payload.user_id, this.jwt) });
  }
}

/** simplejwt's `TokenVerifyView` (`/token/verify/`): `{}` for a valid token of either type. */
export class TokenVerifyView extends TokenViewBase {
  override viewName = "Token Verify";

  async post(request: RestRequest): Promise<RestResponse> {
    await verifyToken(this.field(request, "token"), null, this.jwt);
    return new RestResponse({});
  }
}
