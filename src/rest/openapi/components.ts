import type { ModelSerializer } from "../serializers/model-serializer.js";
import { fieldSchema, type Schema } from "./field-schema.js";

const MESSAGES: Schema = { type: "array", items: { type: "string" } };

/**
 * The component schemas of one serializer, split as drf-spectacular's COMPONENT_SPLIT_REQUEST
 * does so each describes exactly one direction:
 * - `Name`: a response body, every readable key always present, nothing else;
 * - `NameRequest`: a POST/PUT body, writable keys, the required ones required;
 * - `PatchedNameRequest`: a PATCH body, nothing required;
 * - `NameValidationError`: a 400 of DRF's per-field shape (`{"name": ["This field is required."]}`).
 */
export function serializerComponents(serializer: ModelSerializer, name: string): Record<string, Schema> {
  const readable: Record<string, unknown> = {};
  for (const field of serializer.readable) readable[field.name] = fieldSchema(field, serializer.modelFields.get(field.name));
  const writable: Record<string, unknown> = {};
  const required: string[] = [];
  const errors: Record<string, unknown> = { non_field_errors: MESSAGES };
  for (const field of serializer.writable) {
    const schema = fieldSchema(field, serializer.modelFields.get(field.name));
    delete schema.readOnly;
    writable[field.name] = schema;
    errors[field.name] = MESSAGES;
    if (field.required) required.push(field.name);
  }
  return {
    [name]: { type: "object", properties: readable, required: Object.keys(readable), additionalProperties: false },
    [`${name}Request`]: { type: "object", properties: writable, ...(required.length ? { required } : {}) },
    [`Patched${name}Request`]: { type: "object", properties: writable },
    [`${name}ValidationError`]: { type: "object", properties: errors, additionalProperties: false },
  };
}
