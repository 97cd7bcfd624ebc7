/**
 * OpenAPI 3.1 pieces the paginators share (DRF's `get_paginated_response_schema` and
 * `get_schema_operation_parameters`): a nullable link, and a query parameter.
 */
export type Schema = Record<string, unknown>;

/** A `next`/`previous` link: a URI or null (3.1 has no `nullable`: null is a type). */
export function linkSchema(example: string): Schema {
  return { type: ["string", "null"], format: "uri", examples: [example] };
}

/** An optional query parameter of a paginated list. */
export function queryParameter(name: string, description: string, type: "integer" | "string"): Schema {
  return { name, required: false, in: "query", description, schema: { type } };
}

/** DRF's `page_size_query_param` description. */
export const PAGE_SIZE_DESCRIPTION = "Number of results to return per page.";
