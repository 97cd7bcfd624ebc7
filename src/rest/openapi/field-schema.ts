import type { SerializerField } from "../serializers/fields/base.js";

/** OpenAPI schema of one serializer field: the field's own type plus DRF's common attributes. */
export function fieldSchema(field: SerializerField): Record<string, unknown> {
  const meta = field.metadata();
  const schema = field.openApiType();
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
