import type { ModelClass } from "../../index.js";
import type { RestSettings } from "../app/settings.js";
import type { Authentication } from "../authentication/authentication.js";
import type { FilterBackend } from "../filters/filter-backend.js";
import type { Pagination } from "../pagination/pagination.js";
import type { Parser } from "../parsers/parser.js";
import { AllowAny, IsAdminUser, IsAuthenticated, IsAuthenticatedOrReadOnly } from "../permissions/builtins.js";
import type { Permission } from "../permissions/permission.js";
import type { Throttle } from "../throttling/throttle.js";
import { badRequest, responseRef } from "./errors.js";
import type { Schema } from "./field-schema.js";
import { securitySchemeOf } from "./security.js";

/** The view settings an operation depends on: the view's own, else the app's. */
export interface ViewFacts {
  readonly view: object;
  readonly model?: ModelClass;
  readonly parentModel?: ModelClass;
  readonly filterBackends: readonly FilterBackend[];
  readonly pagination: Pagination | null;
  readonly parsers: readonly Parser[];
  readonly authentication: readonly Authentication[];
  readonly permissions: readonly Permission[];
  readonly throttles: readonly Throttle[];
}

/** Reads a bound view's settings the way `APIView`'s getters do, without a request. */
export function viewFacts(view: Record<string, unknown>, settings: RestSettings): ViewFacts {
  return {
    view,
    model: view.model as ModelClass | undefined,
    parentModel: view.parentModel as ModelClass | undefined,
    filterBackends: (view.filterBackends as readonly FilterBackend[] | undefined) ?? [],
    pagination: (view.pagination as Pagination | null | undefined) ?? null,
    parsers: (view.parsers as readonly Parser[] | undefined) ?? settings.parsers,
    authentication: (view.authentication as readonly Authentication[] | undefined) ?? settings.authentication,
    permissions: (view.permissions as readonly Permission[] | undefined) ?? settings.permissions,
    throttles: (view.throttles as readonly Throttle[] | undefined) ?? settings.throttles,
  };
}

/** Whether an operation can answer 429: a throttle, or a login check that throttles failures. */
function canThrottle(facts: ViewFacts): boolean {
  const failedLogins = (x: unknown) => (x as { throttlesFailedLogins?: boolean }).throttlesFailedLogins === true;
  return facts.throttles.length > 0 || failedLogins(facts.view) || facts.authentication.some(failedLogins);
}

const INTEGER_KEY = /Integer|AutoField/;

/** `<pk>` and `<parent_pk>` as typed path parameters, described as DRF describes them. */
export function pathParameters(path: string, facts: ViewFacts): Schema[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
    const model = name === "parent_pk" ? facts.parentModel : facts.model;
    const integer = model ? INTEGER_KEY.test(model.meta.pk.internalType) : false;
    const description = model ? `A unique ${integer ? "integer " : ""}value identifying this ${model.meta.verboseName}.` : undefined;
    return { name, in: "path", required: true, ...(description ? { description } : {}), schema: { type: integer ? "integer" : "string" } };
  });
}

/** The request body: the same schema under each media type the view parses. */
export function requestBody(facts: ViewFacts, schema: Schema, required: boolean): Schema {
  return { required, content: Object.fromEntries(facts.parsers.map((p) => [p.mediaType, { schema }])) };
}

const SAFE = new Set(["get", "head", "options"]);

/**
 * The error answers one operation can give and its security requirement, from what the view is
 * configured with: 400 for bodies and filters, 401/403 when authentication or permissions can
 * refuse, 404 with a path parameter, 406 always (Accept), 409 for deletes (PROTECT), 413/415
 * for bodies, 429 with throttles.
 */
export function errorResponses(facts: ViewFacts, method: string, options: { body: boolean; errors?: Schema; filtered?: boolean; path: string; destroy?: boolean }): { responses: Schema; security?: Schema[] } {
  const responses: Schema = {};
  if (options.body) responses["400"] = badRequest(options.errors ?? { $ref: "#/components/schemas/ParameterErrors" });
  else if (options.filtered) responses["400"] = badRequest({ $ref: "#/components/schemas/ParameterErrors" });
  const canDeny = facts.permissions.some((p) => p !== AllowAny);
  const hasAuth = facts.authentication.length > 0;
  let challenge: string | undefined;
  try {
    challenge = facts.authentication[0]?.authenticateHeader?.({ header: () => undefined } as never);
  } catch {
    challenge = undefined;
  }
  if ((hasAuth || canDeny) && challenge) responses["401"] = responseRef("Unauthorized");
  if (canDeny || (hasAuth && !challenge)) responses["403"] = responseRef("Forbidden");
  if (options.path.includes("{")) responses["404"] = responseRef("NotFound");
  responses["406"] = responseRef("NotAcceptable");
  if (options.destroy) responses["409"] = responseRef("Conflict");
  if (options.body) {
    responses["413"] = responseRef("RequestTooLarge");
    responses["415"] = responseRef("UnsupportedMediaType");
  }
  if (canThrottle(facts)) responses["429"] = responseRef("Throttled");
  if (!hasAuth) return { responses };
  const schemes = facts.authentication.map(securitySchemeOf).filter((s) => s !== null);
  const security: Schema[] = schemes.map((s) => ({ [s.name]: [] }));
  const anonymous = !facts.permissions.some((p) => p === IsAuthenticated || p === IsAdminUser || (p === IsAuthenticatedOrReadOnly && !SAFE.has(method)));
  if (anonymous) security.push({});
  return { responses, security };
}
