import { ValidationError } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import { AllowAny } from "../permissions/builtins.js";
import { APIView } from "../views/api-view.js";
import { loadAuth } from "./auth-module.js";
import { readCredentials } from "./credentials.js";
import { throttledLogin } from "./login-throttle.js";

/**
 * DRF's `obtain_auth_token`: POST `username` and `password`, get `{"token": "<40 hex>"}` (the
 * user's one token, made on first use). Wrong credentials: 400
 * `{"non_field_errors": ["Unable to log in with provided credentials."]}`.
 */
export class ObtainAuthToken extends APIView {
  /** Failed logins here are throttled (429): described in the OpenAPI document. */
  readonly throttlesFailedLogins = true;
  override authentication = [];
  override permissions = [AllowAny];
  override throttles = [];
  override viewName = "Obtain Auth Token";

  async post(request: RestRequest): Promise<RestResponse> {
    const { username, password } = readCredentials(request);
    const auth = await loadAuth();
    const user = await throttledLogin(request, username, () => auth.authenticate({ username, password }));
    if (!user) throw new ValidationError({ non_field_errors: ["Unable to log in with provided credentials."] }, "authorization");
    const token = await auth.Token.forUser(user);
    return new RestResponse({ token: token.key });
  }
}
