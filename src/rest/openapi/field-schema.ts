import type { Field } from "../../index.js";
import { SerializerField } from "../serializers/fields/base.js";
import { ReadOnlyField } from "../serializers/fields/misc.js";
import { buildModelField, fieldKind } from "../serializers/field-mapping.js";

export type Schema = Record<string, unknown>;

/** Formats the text kinds carry beyond `type: string` (DRF's `map_field` for Email/URL/Slug). */
const TEXT_FORMATS: Record<string, Schema> = {
  EmailField: { format: "email" },
  URLField: { format: "uri" },
  SlugField: { pattern: "^[-a-zA-Z0-9_]+$" },
};

/** OpenAPI 3.1 spelling of "may be null": the type list gains "null" (3.0's `nullable` is gone). */
export function allowNull(schema: Schema): Schema {
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
  if (typeof schema.type === "string") schema.type = [schema.type, "null"];
  else if (Array.isArray(schema.type)) {
    if (!schema.type.includes("null")) schema.type = [...(schema.type as string[]), "null"];
  } else if (schema.type === undefined && Object.keys(schema).length > 0 && !schema.enum) {
    return { anyOf: [schema, { type: "null" }] };
  }
  return schema;
}

function enumType(values: readonly unknown[]): Schema {
  const types = new Set(values.map((v) => (typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v)));
  if (types.size === 1) {
    const [only] = types;
    if (only === "string" || only === "integer" || only === "number" || only === "boolean") return { type: only };
  }
  return {};
}

/**
 * The OpenAPI 3.1 schema of one serializer field, as it is served: the field's own type (its
 * `openApiType()`, DRF's `map_field`), the model's formats, choices as `enum`, lengths and
 * ranges, read-only / write-only, null, help text. A field made read-only by `readOnlyFields`
 * keeps its model field's type.
 */
export function fieldSchema(field: SerializerField, modelField?: Field): Schema {
  let base: SerializerField = field;
  if (field instanceof ReadOnlyField && field.constructor === ReadOnlyField && modelField) base = buildModelField(modelField);
  // A computed field (method field, bare ReadOnlyField) may render any JSON value.
  const untyped = base.type === "field" && base.openApiType === SerializerField.prototype.openApiType;
  let schema: Schema = untyped ? {} : base.openApiType();
  const meta = base.metadata();
  if (base.type === "choice") {
    const values = (meta.choices as { value: unknown }[]).map((c) => c.value);
    if ((base as { allowBlank?: boolean }).allowBlank && !values.includes("")) values.push("");
    schema = { ...enumType(values), enum: values };
  }
  if (base.type === "decimal") {
    const d = base as { maxDigits?: number; decimalPlaces?: number };
    // DRF's pattern for a coerced-to-string decimal.
    if (d.maxDigits !== undefined && d.decimalPlaces !== undefined) {
      schema.pattern = `^-?\\d{0,${d.maxDigits - d.decimalPlaces}}(?:\\.\\d{0,${d.decimalPlaces}})?$`;
    }
  }
  // base.type is the OPTIONS type ("email", "url", "slug" are strings too): ask the schema.
  if (modelField && schema.type === "string") Object.assign(schema, TEXT_FORMATS[fieldKind(modelField)] ?? {});
  if (modelField && fieldKind(modelField) === "UUIDField") schema.format = "uuid";
  // A blank-allowed email or URL field serves "" too, which no format accepts.
  if ((base as { allowBlank?: boolean }).allowBlank && typeof schema.format === "string" && schema.type === "string") {
    schema.anyOf = [{ format: schema.format }, { const: "" }];
    delete schema.format;
  }
  if (meta.max_length !== undefined) schema.maxLength = meta.max_length;
  if (meta.min_length !== undefined) schema.minLength = meta.min_length;
  if (meta.max_value !== undefined) schema.maximum = meta.max_value;
  if (meta.min_value !== undefined) schema.minimum = meta.min_value;
  const nullable = field.allowNull || (base !== field && modelField?.null === true);
  if (nullable) schema = allowNull(schema);
  if (field.readOnly) schema.readOnly = true;
  if (field.writeOnly) schema.writeOnly = true;
  if (field.helpText) schema.description = field.helpText;
  return schema;
}
