import type { RestRequest } from "../http/request.js";
import { QueryDict } from "../http/query-dict.js";
import { RestResponse } from "../http/response.js";
import { escapeHtml } from "../renderers/browsable/html.js";

/**
 * The browser side of session login (DRF's `rest_framework/login.html`, Django's
 * AuthenticationForm): a page with a username/password form that posts back with `next`, and
 * a redirect to `next` once logged in or out. API clients keep the JSON answers.
 */

/** Django's AuthenticationForm message for wrong credentials. */
export const INVALID_LOGIN = "Please enter a correct username and password. Note that both fields may be case-sensitive.";

/** A body a browser form sent (the JSON API clients send is answered in JSON). */
export function isFormPost(request: RestRequest): boolean {
  const type = request.header("content-type") ?? "";
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

/**
 * Where to go after logging in or out: `next` from the form or the query string when it is a
 * path of this site (Django's url_has_allowed_host_and_scheme: no scheme, no other host), else
 * the API root.
 */
export function nextPath(request: RestRequest): string {
  const data = request.method === "POST" && isFormPost(request) ? request.data : null;
  const posted = data instanceof QueryDict ? data.get("next") : null;
  const next = posted ?? (request.rawQuery === "" ? null : request.query.get("next"));
  const safe = typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\");
  return safe ? next : `${request.basePath}/`;
}

/** A 302 to `location`. */
export function redirect(location: string): RestResponse {
  const response = RestResponse.raw("", "text/plain; charset=utf-8", 302);
  response.headers.location = location;
  return response;
}

/** The login page; `error` after a refused attempt, with the username kept. */
export function loginPage(request: RestRequest, options: { error?: string; username?: string } = {}): RestResponse {
  const action = escapeHtml(request.basePath + request.path);
  const next = escapeHtml(nextPath(request));
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : "";
  const page = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log in</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#222}main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin:0 0 1rem}label{display:block;margin:.6rem 0 .2rem}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.45rem;border:1px solid #bbb;border-radius:4px}
button{margin-top:1rem;padding:.5rem 1.2rem;border:0;border-radius:4px;background:#2c5f9e;color:#fff;cursor:pointer}.error{color:#a40000;background:#fde8e8;padding:.5rem;border-radius:4px}</style>
</head><body><main><h1>Log in</h1>${error}
<form method="post" action="${action}">
<input type="hidden" name="next" value="${next}">
<label for="id_username">Username</label><input type="text" name="username" id="id_username" value="${escapeHtml(options.username ?? "")}" autocomplete="username" required autofocus>
<label for="id_password">Password</label><input type="password" name="password" id="id_password" autocomplete="current-password" required>
<button type="submit">Log in</button>
</form></main></body></html>`;
  return RestResponse.raw(page, "text/html; charset=utf-8");
}
