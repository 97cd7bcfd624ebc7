import { ERRORS, message, type ErrorCode } from "./catalogue.js";
import { ErrorDetail, errorCodes, toErrorTree, type DetailInput, type ErrorTree } from "./error-detail.js";

/**
 * Errors caused by the client, rendered as DRF renders them: `{"detail": "..."}` for a single
 * message, the bare list or dict for validation errors. Each carries an HTTP status, a detail
 * and a stable code; the default detail and code come from the catalogue.
 *
 * ```ts
 * throw new NotFound();                       // 404 {"detail": "Not found."}
 * throw new PermissionDenied("Only owners."); // 403 {"detail": "Only owners."}
 * ```
 */
export class APIException extends Error {
  readonly status: number;
  readonly detail: ErrorTree;
  /** Extra response headers (WWW-Authenticate, Retry-After). */
  readonly headers: Record<string, string> = {};

  constructor(detail?: DetailInput, code?: string, status?: number) {
    const defaultCode = (new.target as typeof APIException).defaultCode;
    const tree = toErrorTree(detail ?? message(defaultCode), code ?? defaultCode);
    super(tree instanceof ErrorDetail ? tree.message : JSON.stringify(tree));
    this.name = new.target.name;
    this.detail = tree;
    this.status = status ?? ERRORS[defaultCode].status;
  }

  static defaultCode: ErrorCode = "error";

  /** The detail with codes in place of messages (DRF's `get_codes()`). */
  getCodes(): unknown {
    return errorCodes(this.detail);
  }

  /** The response body: `{"detail": ...}` unless the detail is already a list or dict. */
  body(): unknown {
    return this.detail instanceof ErrorDetail ? { detail: this.detail } : this.detail;
  }
}

export class ParseError extends APIException {
  static override defaultCode: ErrorCode = "parse_error";
}

export class AuthenticationFailed extends APIException {
  static override defaultCode: ErrorCode = "authentication_failed";
}

export class NotAuthenticated extends APIException {
  static override defaultCode: ErrorCode = "not_authenticated";
}

export class PermissionDenied extends APIException {
  static override defaultCode: ErrorCode = "permission_denied";
}

export class NotFound extends APIException {
  static override defaultCode: ErrorCode = "not_found";
}

/** A delete refused because protected or restricted foreign keys point at the object (409). */
export class ProtectedObject extends APIException {
  static override defaultCode: ErrorCode = "protected";
}

/** A change the client cannot fix by changing its request: a concurrent write got in the way (409). */
export class Conflict extends APIException {
  static override defaultCode: ErrorCode = "conflict";
}

/** `If-Match` named another version of the object than the current one (412). */
export class PreconditionFailed extends APIException {
  static override defaultCode: ErrorCode = "precondition_failed";
}

export class MethodNotAllowed extends APIException {
  static override defaultCode: ErrorCode = "method_not_allowed";
  constructor(method: string, detail?: DetailInput) {
    super(detail ?? message("method_not_allowed", { method }));
  }
}

export class NotAcceptable extends APIException {
  static override defaultCode: ErrorCode = "not_acceptable";
}

export class RequestTooLarge extends APIException {
  static override defaultCode: ErrorCode = "request_too_large";
  constructor(limit: number) {
    super(message("request_too_large", { limit }));
  }
}

export class UnsupportedMediaType extends APIException {
  static override defaultCode: ErrorCode = "unsupported_media_type";
  constructor(mediaType: string, detail?: DetailInput) {
    super(detail ?? message("unsupported_media_type", { mediaType }));
  }
}

export class Throttled extends APIException {
  static override defaultCode: ErrorCode = "throttled";
  /** Seconds until the next request may succeed, rounded up; null when unknown. */
  readonly wait: number | null;

  constructor(wait: number | null = null, detail?: string) {
    const seconds = wait === null ? null : Math.ceil(wait);
    const base = detail ?? message("throttled");
    super(
      seconds === null
        ? base
        : `${base} ${message("throttled_wait", { wait: seconds, s: seconds === 1 ? "" : "s" })}`,
    );
    this.wait = seconds;
    if (seconds !== null) this.headers["retry-after"] = String(seconds);
  }
}

/**
 * Invalid input: 400 with the detail as a list (`["msg"]`) or a dict of lists
 * (`{"name": ["This field is required."]}`), never wrapped in `detail`.
 */
export class ValidationError extends APIException {
  static override defaultCode: ErrorCode = "invalid";
  constructor(detail?: DetailInput, code?: string) {
    const input = detail ?? message("invalid");
    // DRF always renders a validation error as a list or dict.
    super(typeof input === "string" || input instanceof ErrorDetail ? [input] : input, code);
  }
}
