import util from "node:util";
import { ClientDisconnected } from "../http/client-disconnected.js";
import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import { message } from "./catalogue.js";
import { APIException } from "./exceptions.js";

/** Where server errors are reported; `console` fits. */
export interface Logger {
  error(message: string, error?: unknown): void;
  /** Events that are not server errors (a client that went away mid-body); optional. */
  debug?(message: string, error?: unknown): void;
}

/** Node's convention for debug output: shown with NODE_DEBUG=torest. */
const debuglog = util.debuglog("torest");

/**
 * Turns an exception into a response, or returns null for errors it does not handle (DRF's
 * `EXCEPTION_HANDLER`). Unhandled errors become a logged 500.
 */
export type ExceptionHandler = (error: unknown, context: ExceptionContext) => RestResponse | null;

/** Where the error happened; `view` is absent outside views (routing, unknown URLs). */
export interface ExceptionContext {
  readonly request: RestRequest;
  readonly view?: object;
}

/** DRF's default: API exceptions render as their body with their status and headers. */
export const defaultExceptionHandler: ExceptionHandler = (error) => {
  if (!(error instanceof APIException)) return null;
  const response = new RestResponse(error.body(), error.status);
  Object.assign(response.headers, error.headers);
  return response;
};

/** The 500 answer: logs the error, never leaks it to the client. */
export function serverError(error: unknown, logger: Logger, where: string): RestResponse {
  if (error instanceof ClientDisconnected) {
    // Nobody reads this answer; the request log still shows a client error, not a 500.
    if (logger === console) debuglog(`${where}: ${error.message}`);
    else logger.debug?.(`torest: ${where}: ${error.message}`, error);
    return new RestResponse({ detail: error.message }, 400);
  }
  logger.error(`torest: unhandled error in ${where}`, error);
  return new RestResponse({ detail: message("error") }, 500);
}
