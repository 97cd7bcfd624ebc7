import type { SerializerField } from "../../serializers/fields/base.js";
import { BooleanField } from "../../serializers/fields/boolean.js";
import { ChoiceField } from "../../serializers/fields/choice.js";
import { PrimaryKeyRelatedField } from "../../serializers/fields/relations.js";
import type { ModelSerializer } from "../../serializers/model-serializer.js";
import { html, type Html } from "./html.js";

/** DRF's `HTML_SELECT_CUTOFF`: relation selects list at most this many objects. */
export const HTML_SELECT_CUTOFF = 1000;
/** DRF's `HTML_SELECT_CUTOFF_TEXT`. */
export const HTML_SELECT_CUTOFF_TEXT = "More than {count} items...";

/** The objects a relation select offers, loaded before rendering (forms render synchronously). */
export interface RelationChoices {
  readonly options: readonly (readonly [string, string])[];
  /** More objects exist than the cutoff: the select becomes a search box with suggestions. */
  readonly truncated: boolean;
}

/** Loads up to cutoff + 1 related objects per relation field, labelled by `toString()` as Django's `str()`. */
export async function loadRelationChoices(
  serializer: ModelSerializer,
  cutoff = HTML_SELECT_CUTOFF,
): Promise<Map<string, RelationChoices>> {
  const found = new Map<string, RelationChoices>();
  for (const field of serializer.writable) {
    if (!(field instanceof PrimaryKeyRelatedField)) continue;
    const model = field.targetModel;
    const ordering = model.meta.ordering;
    const rows = (await model.objects.orderBy(...(ordering.length ? ordering : ["pk"])).slice(0, cutoff + 1)) as Record<string, unknown>[];
    const key = field.targetField.attname;
    const options = rows.slice(0, cutoff).map((row) => [String(row[key]), String(row)] as const);
    found.set(field.name, { options, truncated: rows.length > cutoff });
  }
  return found;
}

/** The string a form input shows for a value. */
export function inputValue(field: SerializerField, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (field.type === "json") return typeof value === "string" ? value : JSON.stringify(value, null, 2);
  if (field.type === "datetime" && typeof value === "string") {
    // datetime-local takes no zone and at most milliseconds; values are UTC.
    return value.replace(/Z$/, "").replace(/(\.\d{3})\d*$/, "$1");
  }
  return String(value);
}

const NONE_LABEL = "---------";

/** One input per writable field, by type (DRF's `HTMLFormRenderer` templates). */
export function fieldWidget(
  field: SerializerField,
  value: unknown,
  choices: RelationChoices | undefined,
  kind: string | undefined,
): Html {
  const id = `id_${field.name}`;
  const text = inputValue(field, value);
  if (field instanceof BooleanField) {
    return html`<input type="checkbox" id="${id}" name="${field.name}" value="true"${value === true || value === "true" || value === "on" ? html` checked` : ""}>`;
  }
  if (field instanceof ChoiceField) {
    const options = field.choices.map(([v, label]) => html`<option value="${String(v)}"${String(v) === text ? html` selected` : ""}>${label}</option>`);
    const blank = field.allowBlank || field.allowNull || !field.required;
    return html`<select id="${id}" name="${field.name}">${blank ? html`<option value="">${NONE_LABEL}</option>` : ""}${options}</select>`;
  }
  if (field instanceof PrimaryKeyRelatedField && choices) {
    if (choices.truncated) {
      // Past the cutoff a select would be unusable: a search box suggesting the first objects.
      const list = `${id}_choices`;
      return html`<input type="search" id="${id}" name="${field.name}" value="${text}" list="${list}" autocomplete="off">
<datalist id="${list}">${choices.options.map(([v, label]) => html`<option value="${v}">${label}</option>`)}</datalist>
<small class="cutoff">${HTML_SELECT_CUTOFF_TEXT.replace("{count}", String(choices.options.length))}</small>`;
    }
    const options = choices.options.map(([v, label]) => html`<option value="${v}"${v === text ? html` selected` : ""}>${label}</option>`);
    const blank = field.allowNull || !field.required;
    return html`<select id="${id}" name="${field.name}">${blank || text === "" ? html`<option value="">${NONE_LABEL}</option>` : ""}${options}</select>`;
  }
  switch (field.type) {
    case "integer":
      return html`<input type="number" step="1" id="${id}" name="${field.name}" value="${text}">`;
    case "float":
    case "decimal":
      return html`<input type="number" step="any" id="${id}" name="${field.name}" value="${text}">`;
    case "datetime":
      return html`<input type="datetime-local" step="0.001" id="${id}" name="${field.name}" value="${text}">`;
    case "date":
      return html`<input type="date" id="${id}" name="${field.name}" value="${text}">`;
    case "json":
      return html`<textarea id="${id}" name="${field.name}" rows="4">${text}</textarea>`;
  }
  if (kind === "TextField") return html`<textarea id="${id}" name="${field.name}" rows="4">${text}</textarea>`;
  const type = kind === "EmailField" ? "email" : kind === "URLField" ? "url" : "text";
  return html`<input type="${type}" id="${id}" name="${field.name}" value="${text}">`;
}
