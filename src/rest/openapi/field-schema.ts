import type { SerializerField } from "../serializers/fields/base.js";

/** OpenAPI schema of one serializer field (DRF's `AutoSchema.map_field`). */
export function fieldSchema(field: SerializerField): Record<string, unknown> {
  const meta = field.metadata();
  const schema: Record<string, unknown> = { ...TYPES[field.type] ?? {} };
  if (field.type === "choice") schema.enum = (meta.choices as { value: unknown }[]).map((c) => c.value);
  if (meta.max_length !== undefined) schema.maxLength = meta.max_length;
  if (meta.min_length !== undefined) schema.minLength = meta.min_length;
  if (meta.max_value !== undefined) schema.maximum = meta.max_value;
  if (meta.min_value !== undefined) schema.minimum = meta.min_value;
  if (field.readOnly) schema.readOnly = true;
  if (field.writeOnly) schema.writeOnly = true;
  if (field.allowNull) schema.nullable = true;
  if (field.helpText) schema.description = field.helpText;
  return schema;
}

const TYPES: Record<string, Record<string, unknown>> = {
  string: { type: "string" },
  integer: { type: "integer" },
  float: { type: "number", format: "double" },
  decimal: { type: "string", format: "decimal" },
  boolean: { type: "boolean" },
  datetime: { type: "string", format: "date-time" },
  date: { type: "string", format: "date" },
  json: {},
  // Related keys and links: DRF maps primary keys to their type and links to URIs.
  field: { type: "string" },
};
