/**
 * The one catalogue of user-facing error messages: every `APIException` takes its default
 * detail and stable code from here, so wording stays identical to Django REST Framework's and
 * tests can check the whole table at once (test/rest/errors.test.ts).
 *
 * `{name}` placeholders are filled by {@link formatMessage}.
 */
export const ERRORS = {
  error: { status: 500, message: "A server error occurred." },
  invalid: { status: 400, message: "Invalid input." },
  parse_error: { status: 400, message: "Malformed request." },
  json_parse_error: { status: 400, message: "JSON parse error - {reason}" },
  form_parse_error: { status: 400, message: "Multipart form parse error - {reason}" },
  authentication_failed: { status: 401, message: "Incorrect authentication credentials." },
  not_authenticated: { status: 401, message: "Authentication credentials were not provided." },
  permission_denied: { status: 403, message: "You do not have permission to perform this action." },
  not_found: { status: 404, message: "Not found." },
  protected: { status: 409, message: "This object is still referenced by other objects." },
  method_not_allowed: { status: 405, message: 'Method "{method}" not allowed.' },
  not_acceptable: { status: 406, message: "Could not satisfy the request Accept header." },
  too_many_fields: { status: 400, message: "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS." },
  too_many_files: { status: 400, message: "The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES." },
  precondition_failed: { status: 412, message: "The object has changed since the ETag in If-Match was issued." },
  conflict: { status: 409, message: "The request conflicted with a concurrent change. Try again." },
  request_too_large: { status: 413, message: "Request body too large. The limit is {limit} bytes." },
  unsupported_media_type: { status: 415, message: 'Unsupported media type "{mediaType}" in request.' },
  throttled: { status: 429, message: "Request was throttled." },
  throttled_wait: { status: 429, message: "Expected available in {wait} second{s}." },
  basic_no_credentials: { status: 401, message: "Invalid basic header. No credentials provided." },
  basic_spaces: {
    status: 401,
    message: "Invalid basic header. Credentials string should not contain spaces.",
  },
  basic_encoding: {
    status: 401,
    message: "Invalid basic header. Credentials not correctly base64 encoded.",
  },
  invalid_credentials: { status: 401, message: "Invalid username/password." },
  inactive_user: { status: 401, message: "User inactive or deleted." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Fills `{name}` placeholders; an unknown placeholder is left as is so it shows up in tests. */
export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The catalogue message for `code`, formatted. */
export function message(code: ErrorCode, params?: Record<string, string | number>): string {
  return formatMessage(ERRORS[code].message, params);
}
