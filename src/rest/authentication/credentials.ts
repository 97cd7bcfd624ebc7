import { ValidationError } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import { QueryDict } from "../http/query-dict.js";

/**
 * The `username` and `password` of a login body (JSON or form), checked as DRF's
 * `AuthTokenSerializer` checks them: 400 with per-field messages when missing or blank.
 */
export function readCredentials(request: RestRequest): { username: string; password: string } {
  const data = request.data;
  const read = (name: string): unknown => {
    if (data instanceof QueryDict) return data.get(name);
    return data && typeof data === "object" ? (data as Record<string, unknown>)[name] : undefined;
  };
  const errors: Record<string, string[]> = {};
  const values: Record<string, string> = {};
  for (const name of ["username", "password"]) {
    const value = read(name);
    if (value === undefined || value === null) errors[name] = ["This field is required."];
    else if (typeof value !== "string" && typeof value !== "number") errors[name] = ["Not a valid string."];
    else if (String(value) === "" || (name === "username" && String(value).trim() === "")) errors[name] = ["This field may not be blank."];
    else values[name] = name === "username" ? String(value).trim() : String(value);
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { username: values.username as string, password: values.password as string };
}
