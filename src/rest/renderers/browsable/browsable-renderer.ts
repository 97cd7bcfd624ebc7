import type { RestRequest } from "../../http/request.js";
import type { APIView } from "../../views/api-view.js";
import type { GenericAPIView } from "../../views/generic-api-view.js";
import type { Renderer, RendererContext } from "../renderer.js";
import { breadcrumbs, filterControls, loginLinks, paginationControls } from "./controls.js";
import { HTML_SELECT_CUTOFF } from "./form-fields.js";
import { fieldErrors, htmlForm, rawContent, rawForm, submittedValues, type FormState } from "./forms.js";
import { html, REASONS, type Html } from "./html.js";
import { jsonToHtml } from "./json-html.js";
import { page } from "./page.js";

/** `content-type` → `Content-Type`, as the browsable API lists headers. */
const headerName = (name: string) => name.replace(/(^|-)(\w)/g, (_, dash: string, c: string) => dash + c.toUpperCase());

/**
 * Would the view allow `method` on this URL for this user (DRF's `show_form_for_method`)? Runs
 * the permission checks with the method swapped and, for detail methods, loads the object (its
 * object permissions apply; a missing object shows no form).
 */
async function allows(view: APIView, request: RestRequest, method: string): Promise<boolean> {
  if (!view.allowedMethods().includes(method as never)) return false;
  const swapped = request as { method: string };
  const original = swapped.method;
  swapped.method = method;
  try {
    await view.checkPermissions(request);
    const generic = view as Partial<GenericAPIView>;
    if ((method === "PUT" || method === "DELETE") && typeof generic.getObject === "function" && generic.lookupUrlKwarg && request.params[generic.lookupUrlKwarg] !== undefined) {
      await generic.getObject.call(view);
    }
    return true;
  } catch {
    return false;
  } finally {
    swapped.method = original;
  }
}

const isRecord = (data: unknown): data is Record<string, unknown> => data !== null && typeof data === "object" && !Array.isArray(data);

/** The HTML and raw-data forms for POST (lists) or PUT/PATCH (objects) of a serializer view. */
async function forms(view: APIView, request: RestRequest, status: number, data: unknown, cutoff: number): Promise<{ htmlForm: Html | null; rawForm: Html | null }> {
  const generic = view as Partial<GenericAPIView>;
  const serializer = generic.serializer;
  if (!serializer) return { htmlForm: null, rawForm: null };
  const action = request.basePath + request.path;
  const mediaTypes = view.getParsers().map((p) => p.mediaType);
  const failed = status === 400 ? fieldErrors(data) : null;
  if (await allows(view, request, "POST")) {
    const resubmit = failed && request.method === "POST";
    const state: FormState = { method: "POST", values: resubmit ? submittedValues(request) : {}, errors: resubmit ? failed : {} };
    return { htmlForm: await htmlForm(serializer, action, state, cutoff), rawForm: rawForm(action, mediaTypes, rawContent(serializer, resubmit ? state.values : null), ["POST"]) };
  }
  if (await allows(view, request, "PUT")) {
    const resubmit = failed && (request.method === "PUT" || request.method === "PATCH");
    const current = !resubmit && status < 300 && isRecord(data) && !("results" in data) ? data : null;
    if (!resubmit && !current) return { htmlForm: null, rawForm: null };
    const values = resubmit ? submittedValues(request) : (current as Record<string, unknown>);
    const state: FormState = { method: "PUT", values, errors: resubmit ? failed : {} };
    const methods = view.allowedMethods().includes("PATCH") ? ["PUT", "PATCH"] : ["PUT"];
    return { htmlForm: await htmlForm(serializer, action, state, cutoff), rawForm: rawForm(action, mediaTypes, rawContent(serializer, values), methods) };
  }
  return { htmlForm: null, rawForm: null };
}

export interface BrowsableAPIOptions {
  /** DRF's `HTML_SELECT_CUTOFF` (1000): past it a relation select becomes a search box. */
  readonly htmlSelectCutoff?: number;
}

/**
 * DRF's `BrowsableAPIRenderer` (`?format=api`, or `Accept: text/html` as browsers send): the
 * response as a page with the view's name and description, breadcrumbs, the request line, the
 * status and headers, the JSON with clickable links, OPTIONS/DELETE buttons, filter and
 * pagination controls, and HTML and raw-data forms for the methods the user may use.
 */
export function browsableAPIRenderer(options: BrowsableAPIOptions = {}): Renderer {
  const cutoff = options.htmlSelectCutoff ?? HTML_SELECT_CUTOFF;
  return {
    mediaType: "text/html",
    format: "api",
    charset: "utf-8",
    render: (data, context) => renderPage(data, context, cutoff),
  };
}

/** The browsable API with DRF's defaults; in the default renderer list after JSON. */
export const BrowsableAPIRenderer: Renderer = browsableAPIRenderer();

async function renderPage(data: unknown, context: RendererContext | undefined, cutoff: number): Promise<string> {
  if (!context) return page(minimalContext(data));
  const { request, response } = context;
  const view = context.view as APIView | undefined;
  const status = response.status;
  // DRF: a 204 would leave the browser on the old page; the page shows the real status.
  if (status === 204) response.status = 200;
  const headers = Object.entries({ ...response.headers, "content-type": "application/json" })
    .filter(([name]) => name !== "content-length")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => [headerName(name), value] as const);
  const base = request.basePath + request.path;
  const buttons: Html[] = [];
  let filters: Html | null = null;
  let formsHtml: { htmlForm: Html | null; rawForm: Html | null } = { htmlForm: null, rawForm: null };
  if (view) {
    if (view.allowedMethods().includes("OPTIONS")) {
      buttons.push(html`<form class="button-form" action="${base}" method="POST" data-method="OPTIONS"><button type="submit" class="btn">OPTIONS</button></form>`);
    }
    if (await allows(view, request, "DELETE")) {
      buttons.push(html`<form class="button-form" action="${base}" method="POST" data-method="DELETE" data-confirm="Are you sure you want to delete this ${view.getViewName()}?"><button type="submit" class="btn danger">DELETE</button></form>`);
    }
    const generic = view as Partial<GenericAPIView>;
    if (request.method === "GET" && generic.filterBackends && isList(data)) filters = filterControls(request, view as GenericAPIView);
    formsHtml = await forms(view, request, status, data, cutoff);
  }
  const formats = (view?.getRenderers() ?? request.settings.renderers).map((r) => [r.format, `${base}?format=${encodeURIComponent(r.format)}`] as const);
  return page({
    name: view ? view.getViewName() : REASONS[status] ?? "Error",
    description: view?.description ?? "",
    rootUrl: `${request.basePath}/`,
    breadcrumbs: breadcrumbs(request),
    login: loginLinks(request, view?.getAuthenticators() ?? request.settings.authentication),
    requestLine: { method: request.method, url: request.basePath + request.source.url },
    status: `${status} ${REASONS[status] ?? ""}`.trim(),
    headers,
    content: data === undefined ? html`` : jsonToHtml(data),
    buttons,
    formats,
    filters,
    pagination: paginationControls(data),
    ...formsHtml,
  });
}

const isList = (data: unknown) => Array.isArray(data) || (isRecord(data) && "results" in data);

function minimalContext(data: unknown): Parameters<typeof page>[0] {
  return {
    name: "Response", description: "", rootUrl: "/", breadcrumbs: html``, login: null,
    requestLine: { method: "", url: "" }, status: "", headers: [], content: jsonToHtml(data),
    buttons: [], formats: [], filters: null, pagination: null, htmlForm: null, rawForm: null,
  };
}
