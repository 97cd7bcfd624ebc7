import { ValidationError } from "../errors/exceptions.js";
import { QueryDict } from "../http/query-dict.js";
import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import { AllowAny } from "../permissions/builtins.js";
import { APIView } from "../views/api-view.js";
import { loadAuth } from "./auth-module.js";
import { requestCookies, serializeCookie } from "./cookies.js";
import { readCredentials } from "./credentials.js";
import { CSRF_COOKIE_NAME, maskCsrfSecret, newCsrfSecret } from "./csrf.js";
import { INVALID_LOGIN, isFormPost, loginPage, nextPath, redirect } from "./login-page.js";
import { throttledLogin } from "./login-throttle.js";
import { SESSION_COOKIE_NAME } from "./session.js";

/**
 * Session login (Django's `LoginView` for API clients, DRF's `rest_framework.urls`): POST
 * `username` and `password`; on success the `sessionid` cookie (HttpOnly) and a fresh
 * `csrftoken` cookie are set, and the body carries the CSRF token for the X-CSRFToken header.
 * Wrong credentials: 400 as DRF's AuthTokenSerializer; failures count towards the login throttle.
 */
export class LoginView extends APIView {
  /** Failed logins here are throttled (429): described in the OpenAPI document. */
  readonly throttlesFailedLogins = true;
  override authentication = [];
  override permissions = [AllowAny];
  override throttles = [];
  override viewName = "Login";

  /** The login page for browsers (the browsable API's "Log in" link). */
  async get(request: RestRequest): Promise<RestResponse> {
    return loginPage(request);
  }

  async post(request: RestRequest): Promise<RestResponse> {
    const form = isFormPost(request);
    const auth = await loadAuth();
    let user: Awaited<ReturnType<typeof auth.authenticate>>;
    try {
      const { username, password } = readCredentials(request);
      user = await throttledLogin(request, username, () => auth.authenticate({ username, password }));
      if (!user) throw new ValidationError({ non_field_errors: ["Unable to log in with provided credentials."] }, "authorization");
    } catch (error) {
      // A browser gets the form again with Django's message (throttling still answers 429).
      if (!form || !(error instanceof ValidationError)) throw error;
      const typed = request.data instanceof QueryDict ? request.data.get("username") : null;
      return loginPage(request, { error: INVALID_LOGIN, username: typeof typed === "string" ? typed : "" });
    }
    const key = await auth.loginSession(user, { previousKey: requestCookies(request).get(SESSION_COOKIE_NAME) });
    // Django rotates the CSRF secret at login.
    const secret = newCsrfSecret();
    const response = form ? redirect(nextPath(request)) : new RestResponse({ username: user.username, csrftoken: maskCsrfSecret(secret) });
    const secure = request.source.scheme === "https";
    response.cookies.push(
      serializeCookie(SESSION_COOKIE_NAME, key, { maxAge: auth.SESSION_COOKIE_AGE, httpOnly: true, secure }),
      serializeCookie(CSRF_COOKIE_NAME, secret, { maxAge: 31_449_600, secure }),
    );
    return response;
  }
}

/** Session logout: POST; the session row is deleted and the cookie cleared (Django's `logout()`). */
export class LogoutView extends APIView {
  /** Logging out answers 204, as described in the OpenAPI document. */
  readonly schemaStatus = { post: "204" };
  override authentication = [];
  override permissions = [AllowAny];
  override throttles = [];
  override viewName = "Logout";

  async post(request: RestRequest): Promise<RestResponse> {
    const auth = await loadAuth();
    await auth.deleteSession(requestCookies(request).get(SESSION_COOKIE_NAME));
    // A browser's form (the browsable API's "Log out") goes back to where it was.
    const response = isFormPost(request) || request.query.get("next") ? redirect(nextPath(request)) : new RestResponse(undefined, 204);
    response.cookies.push(`${SESSION_COOKIE_NAME}=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax`);
    return response;
  }
}
