import { QueryDict } from "../../http/query-dict.js";
import type { RestRequest } from "../../http/request.js";
import { fieldKind } from "../../serializers/field-mapping.js";
import type { ModelSerializer } from "../../serializers/model-serializer.js";
import { fieldWidget, loadRelationChoices } from "./form-fields.js";
import { html, type Html } from "./html.js";

/** What one HTML form shows: submitted or current values, and the errors of a failed submission. */
export interface FormState {
  readonly method: "POST" | "PUT";
  readonly values: Record<string, unknown>;
  /** Field name → messages; `non_field_errors` shown above the fields. */
  readonly errors: Record<string, readonly string[]>;
}

/** The body a request sent, as a plain object (a form's QueryDict keeps its last values). */
export function submittedValues(request: RestRequest): Record<string, unknown> {
  let data: unknown;
  try {
    data = request.data;
  } catch {
    return {};
  }
  if (data instanceof QueryDict) {
    const out: Record<string, unknown> = {};
    for (const key of data.keys()) out[key] = data.get(key);
    return out;
  }
  return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** A 400 body of field errors (`{"name": ["This field is required."]}`) as messages per field. */
export function fieldErrors(data: unknown): Record<string, readonly string[]> | null {
  if (data === null || typeof data !== "object" || Array.isArray(data) || "detail" in data) return null;
  const out: Record<string, readonly string[]> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    out[key] = Array.isArray(value) ? value.map((m) => (typeof m === "string" ? m : String((m as { message?: string }).message ?? JSON.stringify(m)))) : [typeof value === "string" ? value : JSON.stringify(value)];
  }
  return out;
}

/**
 * The HTML form of a serializer (DRF's `HTMLFormRenderer`): one labelled input per writable
 * field, errors under each input, `novalidate` so the server's messages are the ones shown.
 * POST works without JavaScript; PUT is sent by the page's script (`data-method`).
 */
export async function htmlForm(serializer: ModelSerializer, action: string, state: FormState, cutoff: number): Promise<Html> {
  const choices = await loadRelationChoices(serializer, cutoff);
  const nonField = state.errors.non_field_errors ?? [];
  const rows = serializer.writable.map((field) => {
    const errors = state.errors[field.name] ?? [];
    const model = serializer.modelFields.get(field.name);
    const widget = fieldWidget(field, state.values[field.name], choices.get(field.name), model && fieldKind(model));
    return html`<div class="form-group${errors.length ? " has-error" : ""}">
<label for="id_${field.name}">${field.label}</label>
<div class="control">${widget}${errors.map((e) => html`<span class="help-block error">${e}</span>`)}${field.helpText ? html`<span class="help-block">${field.helpText}</span>` : ""}</div>
</div>`;
  });
  return html`<form class="html-form" action="${action}" method="POST" data-method="${state.method}" novalidate>
${nonField.length ? html`<div class="alert error">${nonField.map((e) => html`<p>${e}</p>`)}</div>` : ""}
<fieldset>${rows}</fieldset>
<div class="form-actions"><button type="submit" class="btn primary">${state.method}</button></div>
</form>`;
}

/** DRF's raw-data form: the body as text with a media-type selector; sent by the page's script. */
export function rawForm(action: string, mediaTypes: readonly string[], content: string, methods: readonly string[]): Html {
  return html`<form class="raw-form" action="${action}" method="POST" data-method="${methods[0] ?? "POST"}">
<div class="form-group"><label for="id__content_type">Media type:</label>
<div class="control"><select id="id__content_type" name="_content_type">${mediaTypes.map((m) => html`<option value="${m}">${m}</option>`)}</select></div></div>
<div class="form-group"><label for="id__content">Content:</label>
<div class="control"><textarea id="id__content" name="_content" rows="10">${content}</textarea></div></div>
<div class="form-actions">${methods.map((m) => html`<button type="submit" class="btn primary" data-method="${m}">${m}</button> `)}</div>
</form>`;
}

/** The raw form's starting content: the writable fields, from `values` or DRF's empty initials. */
export function rawContent(serializer: ModelSerializer, values: Record<string, unknown> | null): string {
  const body: Record<string, unknown> = {};
  for (const field of serializer.writable) {
    if (values && field.name in values) body[field.name] = values[field.name];
    else body[field.name] = field.type === "boolean" ? false : field.type === "string" || field.type === "choice" ? "" : null;
  }
  return JSON.stringify(body, null, 4);
}
