import { STYLESHEET, SCRIPT } from "./assets.js";
import { html, raw, type Html } from "./html.js";

/** Everything one browsable page shows (DRF's `BrowsableAPIRenderer.get_context`). */
export interface PageContext {
  readonly name: string;
  readonly description: string;
  readonly rootUrl: string;
  readonly breadcrumbs: Html;
  readonly login: Html | null;
  /** e.g. `GET /rest/v1/polls/question/?limit=2` */
  readonly requestLine: { method: string; url: string };
  readonly status: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly content: Html;
  readonly buttons: readonly Html[];
  readonly formats: readonly (readonly [string, string])[];
  readonly filters: Html | null;
  readonly pagination: Html | null;
  readonly htmlForm: Html | null;
  readonly rawForm: Html | null;
}

/** The page layout (DRF's `rest_framework/base.html`), readable without JavaScript. */
export function page(c: PageContext): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="NONE,NOARCHIVE">
<title>${c.name} – torest</title>
<style>${raw(STYLESHEET)}</style>
</head>
<body>
<header class="navbar"><a class="brand" href="${c.rootUrl}">torest REST framework</a><span class="auth">${c.login}</span></header>
<main>
${c.breadcrumbs}
<div class="page-header">
<h1>${c.name}</h1>
<div class="request-forms">${c.buttons}
<span class="formats">${c.formats.map(([label, href]) => html`<a class="btn format" href="${href}">${label}</a> `)}</span>
</div>
</div>
${c.description ? html`<div class="description">${c.description.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</div>` : ""}
${c.filters}
<div class="request-info"><pre class="request"><b>${c.requestLine.method}</b> ${c.requestLine.url}</pre></div>
<div class="response-info"><pre class="response"><span class="meta"><b>HTTP ${c.status}</b>
${c.headers.map(([name, value]) => html`<b>${name}:</b> ${value}\n`)}</span>
${c.content}</pre></div>
${c.pagination}
${c.htmlForm || c.rawForm
    ? html`<div class="forms">${c.htmlForm ? html`<section class="html-form-tab"><h2>HTML form</h2>${c.htmlForm}</section>` : ""}${c.rawForm ? html`<section class="raw-form-tab"><h2>Raw data</h2>${c.rawForm}</section>` : ""}</div>`
    : ""}
</main>
<script>${raw(SCRIPT)}</script>
</body>
</html>
`.value;
}
