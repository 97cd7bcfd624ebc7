import type { Schema } from "./field-schema.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ "application/json": { schema } });

/** DRF's single-message error body: `{"detail": "Not found."}`. */
export const ERROR_SCHEMAS: Record<string, Schema> = {
  ErrorDetail: {
    type: "object",
    properties: { detail: { type: "string" } },
    required: ["detail"],
    additionalProperties: false,
  },
  /** Invalid query parameters of a list (django-filter): messages per parameter. */
  ParameterErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
};

/** The error answers every API may give, in DRF's shapes (reused by reference from operations). */
export const ERROR_RESPONSES: Record<string, Schema> = {
  Unauthorized: { description: "Authentication credentials were not provided or are invalid (with WWW-Authenticate).", content: json(ref("ErrorDetail")) },
  Forbidden: { description: "You do not have permission to perform this action.", content: json(ref("ErrorDetail")) },
  NotFound: { description: "Not found.", content: json(ref("ErrorDetail")) },
  MethodNotAllowed: { description: 'Method "X" not allowed.', content: json(ref("ErrorDetail")) },
  NotAcceptable: { description: "Could not satisfy the request Accept header.", content: json(ref("ErrorDetail")) },
  Conflict: { description: "The object is still referenced by protected foreign keys (PROTECT/RESTRICT).", content: json(ref("ErrorDetail")) },
  RequestTooLarge: { description: "Request body too large.", content: json(ref("ErrorDetail")) },
  UnsupportedMediaType: { description: "Unsupported media type in request.", content: json(ref("ErrorDetail")) },
  Throttled: {
    description: "Request was throttled.",
    headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
    content: json(ref("ErrorDetail")),
  },
};

/** A 400 of an operation: its serializer's field errors, or a parse error's detail. */
export function badRequest(errors: Schema): Schema {
  return { description: "Invalid input: field errors, or a malformed body.", content: json({ anyOf: [errors, ref("ErrorDetail")] }) };
}

export const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
