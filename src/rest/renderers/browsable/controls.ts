import type { Authentication } from "../../authentication/authentication.js";
import type { FilterBackend } from "../../filters/filter-backend.js";
import { DjangoFilterBackend } from "../../filters/django-filter.js";
import { OrderingFilter, orderableFields } from "../../filters/ordering.js";
import { SearchFilter } from "../../filters/search.js";
import type { RestRequest } from "../../http/request.js";
import type { GenericAPIView } from "../../views/generic-api-view.js";
import { html, type Html } from "./html.js";

/**
 * A filter backend may draw its own controls (DRF's `BaseFilterBackend.to_html`); the built-in
 * ones are drawn here so they need not know about HTML.
 */
export interface HtmlFilterBackend extends FilterBackend {
  toHtml?(request: RestRequest, view: GenericAPIView): Html | string;
}

/** DRF's breadcrumbs: each ancestor URL that is a route, named by its view. */
export function breadcrumbs(request: RestRequest): Html {
  const crumbs: Html[] = [];
  const parts = request.path.split("/").filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const path = `/${parts.slice(0, i).join("/")}${i > 0 ? "/" : ""}`;
    const view = request.resolveView?.(path);
    if (!view) continue;
    const name = viewNameOf(view.viewClass, view.init);
    const href = request.basePath + path;
    crumbs.push(i === parts.length ? html`<li class="active">${name}</li>` : html`<li><a href="${href}">${name}</a></li>`);
  }
  return html`<nav aria-label="breadcrumb"><ul class="breadcrumb">${crumbs}</ul></nav>`;
}

function viewNameOf(viewClass: abstract new () => object, init: Readonly<Record<string, unknown>> | undefined): string {
  const view = Object.assign(Object.create(viewClass.prototype as object) as { getViewName?: () => string; viewName?: string }, init ?? {});
  return typeof view.getViewName === "function" ? view.getViewName() : viewClass.name;
}

/** The "Filters" panel of a list: each backend's controls in one GET form, works without JS. */
export function filterControls(request: RestRequest, view: GenericAPIView): Html | null {
  const parts: (Html | string)[] = [];
  const query = request.query;
  for (const backend of view.filterBackends as readonly HtmlFilterBackend[]) {
    if (backend.toHtml) parts.push(backend.toHtml(request, view));
    else if (backend === DjangoFilterBackend && view.filtersetFields.length) {
      parts.push(html`<fieldset><legend>Field filters</legend>${view.filtersetFields.map((name) => html`<label>${name} <input type="text" name="${name}" value="${query.get(name) ?? ""}"></label>`)}</fieldset>`);
    } else if (backend === SearchFilter && view.searchFields.length) {
      parts.push(html`<fieldset><legend>Search</legend><input type="search" name="search" value="${query.get("search") ?? ""}" placeholder="Search"></fieldset>`);
    } else if (backend === OrderingFilter && orderableFields(view).length) {
      const current = query.get("ordering") ?? "";
      const options = orderableFields(view).flatMap((name) => [
        html`<option value="${name}"${current === name ? html` selected` : ""}>${name} - ascending</option>`,
        html`<option value="-${name}"${current === `-${name}` ? html` selected` : ""}>${name} - descending</option>`,
      ]);
      parts.push(html`<fieldset><legend>Ordering</legend><select name="ordering"><option value="">---------</option>${options}</select></fieldset>`);
    }
  }
  if (parts.length === 0) return null;
  const keep = ["limit", "format"].filter((k) => query.has(k)).map((k) => html`<input type="hidden" name="${k}" value="${query.get(k) ?? ""}">`);
  return html`<details class="filters"><summary class="btn">Filters</summary>
<form method="GET" action="${request.basePath + request.path}">${parts.map((p) => (typeof p === "string" ? html`${p}` : p))}${keep}
<div class="form-actions"><button type="submit" class="btn primary">Submit</button></div></form></details>`;
}

/** Previous/next links of a paginated envelope (any paginator answering `next`/`previous`). */
export function paginationControls(data: unknown): Html | null {
  if (data === null || typeof data !== "object" || !("results" in data)) return null;
  const { next, previous, count } = data as { next?: unknown; previous?: unknown; count?: unknown };
  if (typeof next !== "string" && typeof previous !== "string") return null;
  const link = (url: unknown, label: string, rel: string) =>
    typeof url === "string" ? html`<a class="btn" rel="${rel}" href="${url}">${label}</a>` : html`<span class="btn disabled">${label}</span>`;
  return html`<nav class="pagination">${link(previous, "« Previous", "prev")}${typeof count === "number" ? html`<span class="count">${count} results</span>` : ""}${link(next, "Next »", "next")}</nav>`;
}

/**
 * An authentication class with a login page (session authentication). Detected by shape, so
 * any class that names its login and logout URLs gets the links.
 */
export interface LoginPages {
  readonly loginUrl: string;
  readonly logoutUrl?: string;
}

function loginPagesOf(authenticators: readonly Authentication[]): LoginPages | null {
  for (const a of authenticators as readonly (Authentication & Partial<LoginPages>)[]) {
    if (typeof a.loginUrl === "string") return { loginUrl: a.loginUrl, logoutUrl: a.logoutUrl };
  }
  return null;
}

/** DRF's `optional_login` / `optional_logout` links, with `?next=` back to this page. */
export function loginLinks(request: RestRequest, authenticators: readonly Authentication[]): Html | null {
  const pages = loginPagesOf(authenticators);
  if (!pages) return null;
  const next = encodeURIComponent(request.basePath + request.source.url);
  const user = request.user as { isAuthenticated: boolean; username?: unknown };
  if (!user.isAuthenticated) return html`<a class="login" href="${pages.loginUrl}?next=${next}">Log in</a>`;
  const name = typeof user.username === "string" ? user.username : "user";
  // Logging out changes state: a POST (Django 5 refuses GET logouts), as DRF 3.15's template does.
  return html`<span class="user">${name}</span>${pages.logoutUrl ? html` <form class="logout" method="post" action="${pages.logoutUrl}?next=${next}"><button type="submit" class="logout">Log out</button></form>` : ""}`;
}
