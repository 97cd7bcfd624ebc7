// The error catalogue: DRF's statuses, wording and codes, in one table.
import { describe, expect, it } from "vitest";
import {
  APIException,
  AuthenticationFailed,
  ERRORS,
  ErrorDetail,
  MethodNotAllowed,
  NotAcceptable,
  NotAuthenticated,
  NotFound,
  ParseError,
  PermissionDenied,
  RequestTooLarge,
  Throttled,
  UnsupportedMediaType,
  ValidationError,
  defaultExceptionHandler,
} from "../../src/rest/index.js";

const wire = (error: APIException) => JSON.parse(JSON.stringify(error.body()));

describe("APIException hierarchy", () => {
  it.each([
    [new ParseError(), 400, "Malformed request.", "parse_error"],
    [new AuthenticationFailed(), 401, "Incorrect authentication credentials.", "authentication_failed"],
    [new NotAuthenticated(), 401, "Authentication credentials were not provided.", "not_authenticated"],
    [new PermissionDenied(), 403, "You do not have permission to perform this action.", "permission_denied"],
    [new NotFound(), 404, "Not found.", "not_found"],
    [new MethodNotAllowed("PATCH"), 405, 'Method "PATCH" not allowed.', "method_not_allowed"],
    [new NotAcceptable(), 406, "Could not satisfy the request Accept header.", "not_acceptable"],
    [new RequestTooLarge(10), 413, "Request body too large. The limit is 10 bytes.", "request_too_large"],
    [new UnsupportedMediaType("text/plain"), 415, 'Unsupported media type "text/plain" in request.', "unsupported_media_type"],
    [new Throttled(), 429, "Request was throttled.", "throttled"],
  ])("%s answers %i {detail} with a stable code", (error, status, detail, code) => {
    expect(error.status).toBe(status);
    expect(wire(error)).toEqual({ detail });
    expect(error.getCodes()).toBe(code);
    expect(error).toBeInstanceOf(APIException);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(detail);
  });

  it("takes a custom detail and code", () => {
    const error = new PermissionDenied("Only owners may edit.", "not_owner");
    expect(wire(error)).toEqual({ detail: "Only owners may edit." });
    expect(error.getCodes()).toBe("not_owner");
  });

  it("renders validation errors bare, as a list or a dict of lists", () => {
    expect(wire(new ValidationError())).toEqual(["Invalid input."]);
    expect(wire(new ValidationError("Bad."))).toEqual(["Bad."]);
    const dict = new ValidationError({ name: ["This field is required."], nested: { a: ["x"] } }, "required");
    expect(dict.status).toBe(400);
    expect(wire(dict)).toEqual({ name: ["This field is required."], nested: { a: ["x"] } });
    expect(dict.getCodes()).toEqual({ name: ["required"], nested: { a: ["required"] } });
    const mixed = new ValidationError({ name: [new ErrorDetail("Too long.", "max_length")] });
    expect(mixed.getCodes()).toEqual({ name: ["max_length"] });
  });

  it("words throttling waits like DRF and sets Retry-After", () => {
    expect(new Throttled(1).detail.toString()).toBe("Request was throttled. Expected available in 1 second.");
    const error = new Throttled(41.2);
    expect(wire(error)).toEqual({ detail: "Request was throttled. Expected available in 42 seconds." });
    expect(error.wait).toBe(42);
    expect(error.headers).toEqual({ "retry-after": "42" });
    expect(new Throttled(null).headers).toEqual({});
  });

  it("is what the default exception handler renders, and nothing else", () => {
    const request = {} as never;
    const response = defaultExceptionHandler(new Throttled(3), { request })!;
    expect(response.status).toBe(429);
    expect(response.headers["retry-after"]).toBe("3");
    expect(defaultExceptionHandler(new Error("boom"), { request })).toBeNull();
  });
});

describe("the catalogue", () => {
  it("keeps every code's status a client or server error and every message non-empty", () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.message.trim(), code).not.toBe("");
    }
  });

  it("uses DRF's wording", () => {
    expect(ERRORS.error.message).toBe("A server error occurred.");
    expect(ERRORS.json_parse_error.message).toBe("JSON parse error - {reason}");
    expect(ERRORS.not_found.message).toBe("Not found.");
    expect(ERRORS.invalid_credentials.message).toBe("Invalid username/password.");
  });
});
