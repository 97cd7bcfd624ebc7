import { authenticate, type Authentication } from "../authentication/authentication.js";
import { serverError } from "../errors/handler.js";
import { AuthenticationFailed, MethodNotAllowed, NotAuthenticated, PermissionDenied, Throttled } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import type { Versioning } from "../versioning/versioning.js";
import { RestResponse } from "../http/response.js";
import type { Parser } from "../parsers/parser.js";
import { SAFE_METHODS, type Permission } from "../permissions/permission.js";
import { patchVary, renderResponse } from "../renderers/render.js";
import { selectRenderer } from "../renderers/negotiation.js";
import type { Renderer } from "../renderers/renderer.js";
import type { Throttle } from "../throttling/throttle.js";
import { applyEntityTag } from "./conditional.js";
import { SimpleMetadata, formatViewName, type Metadata } from "./metadata.js";
import { HTTP_METHODS, type HttpMethod, type ViewHandler } from "./view-handler.js";

type MethodHandler = (this: APIView, request: RestRequest) => RestResponse | Promise<RestResponse>;

/**
 * A class-based view (DRF's `APIView`). Define `get`, `post`, `put`, `patch`, `delete` methods
 * returning a `RestResponse`; HEAD runs `get`, OPTIONS answers metadata, other methods get 405.
 * Each request gets its own instance. Properties left undefined fall back to the app settings.
 *
 * ```ts
 * class QuestionList extends APIView {
 *   override permissions = [IsAuthenticatedOrReadOnly];
 *   async get() { return new RestResponse(await loadQuestions()); }
 * }
 * router.add({ pattern: "questions/", name: "question-list", view: QuestionList.asView() });
 * ```
 */
export class APIView {
  authentication?: readonly Authentication[];
  permissions?: readonly Permission[];
  throttles?: readonly Throttle[];
  parsers?: readonly Parser[];
  renderers?: readonly Renderer[];
  metadata: Metadata = SimpleMetadata;
  /** DRF's `versioning_class`; null turns the app's scheme off for this view. */
  versioning?: Versioning | null;
  /** For `ScopedRateThrottle`. */
  throttleScope?: string;
  /** OPTIONS `name`; derived from the class name when unset. */
  viewName?: string;
  description?: string;
  /** The request being handled (DRF's `self.request`). */
  request!: RestRequest;
  /** The renderer content negotiation chose. */
  renderer?: Renderer;
  /** `Allow` value, precomputed by `asView`. */
  allowHeader?: string;

  /** Binds the class (and instance properties to set on each instance) into a route's view. */
  static asView<T extends APIView>(this: new () => T, init: Partial<T> = {}): ViewHandler {
    const probe = Object.assign(new this(), init);
    const allowedMethods = probe.allowedMethods();
    const allowHeader = allowedMethods.join(", ");
    const bound = { ...init, allowHeader };
    return {
      allowedMethods,
      allowHeader,
      viewClass: this,
      init: bound,
      handle: (request) => Object.assign(new this(), bound).dispatch(request),
    };
  }

  /** Methods this view answers, in DRF's order; HEAD whenever GET. */
  allowedMethods(): HttpMethod[] {
    return HTTP_METHODS.filter((method) => this.handlerFor(method) !== undefined);
  }

  /**
   * The request pipeline, spelled out once: negotiate the renderer, authenticate, check
   * permissions, throttle, parse the body, run the handler, render. Parsing comes after the
   * checks, as DRF's lazy `request.data` does: a refused client gets its 401/403/429 and its
   * body is never read.
   */
  async dispatch(request: RestRequest): Promise<RestResponse> {
    this.request = request;
    let response: RestResponse;
    try {
      this.renderer = selectRenderer(this.getRenderers(), request);
      this.determineVersion(request);
      await authenticate(request, this.getAuthenticators());
      await this.checkPermissions(request);
      await this.checkThrottles(request);
      const handler = this.handlerFor(request.method);
      if (!handler) throw new MethodNotAllowed(request.method);
      if (!SAFE_METHODS.has(request.method) && request.hasBody) await request.load(this.getParsers());
      response = await handler.call(this, request);
    } catch (error) {
      response = this.handleException(request, error);
    }
    return this.finalizeResponse(request, response);
  }

  handlerFor(method: string): MethodHandler | undefined {
    if (!(HTTP_METHODS as readonly string[]).includes(method)) return undefined;
    const own = (this as unknown as Record<string, unknown>)[method.toLowerCase()];
    if (typeof own === "function") return own as MethodHandler;
    return method === "HEAD" ? this.handlerFor("GET") : undefined;
  }

  async options(request: RestRequest): Promise<RestResponse> {
    return new RestResponse(await this.metadata.determine(request, this));
  }

  async checkPermissions(request: RestRequest): Promise<void> {
    for (const permission of this.getPermissions()) {
      if (!(await permission.hasPermission(request, this))) {
        this.permissionDenied(request, permission.message, permission.code);
      }
    }
  }

  /** For views that load one object: raises 403/401 unless every permission grants it. */
  async checkObjectPermissions(request: RestRequest, obj: unknown): Promise<void> {
    for (const permission of this.getPermissions()) {
      if (permission.hasObjectPermission && !(await permission.hasObjectPermission(request, this, obj))) {
        this.permissionDenied(request, permission.message, permission.code);
      }
    }
  }

  /** 401 when no authentication class accepted the client, else 403. */
  permissionDenied(request: RestRequest, message?: string, code?: string): never {
    if (request.authenticators.length > 0 && request.authenticator === null) throw new NotAuthenticated();
    throw new PermissionDenied(message, code);
  }

  async checkThrottles(request: RestRequest): Promise<void> {
    const throttles = this.getThrottles();
    if (throttles.length === 0) return;
    const waits: number[] = [];
    let throttled = false;
    for (const throttle of throttles) {
      const decision = await throttle.allow(request, this);
      if (decision.allowed) continue;
      throttled = true;
      if (decision.wait !== null) waits.push(decision.wait);
    }
    if (throttled) throw new Throttled(waits.length > 0 ? Math.max(...waits) : null);
  }

  /**
   * Errors become responses through the app's exception handler; anything it does not know
   * is logged and answered with a bare 500. Unauthenticated clients get 401 with
   * WWW-Authenticate when the first authentication class names a scheme, 403 otherwise.
   */
  handleException(request: RestRequest, error: unknown): RestResponse {
    const response = request.settings.exceptionHandler(error, { request, view: this });
    if (!response) return serverError(error, request.settings.logger, `${this.constructor.name} ${request.method}`);
    if (error instanceof NotAuthenticated || error instanceof AuthenticationFailed) {
      const header = this.getAuthenticators()[0]?.authenticateHeader?.(request);
      if (header) response.headers["www-authenticate"] = header;
      else response.status = 403;
    }
    return response;
  }

  /** Adds `Allow` and `Vary`, then renders (DRF's `finalize_response`) and tags it (conditional.ts). */
  finalizeResponse(request: RestRequest, response: RestResponse): RestResponse | Promise<RestResponse> {
    response.headers.allow = this.allowHeader ?? this.allowedMethods().join(", ");
    patchVary(response.headers, ["Accept", "Cookie"]);
    const rendered = renderResponse(response, this.renderer ?? (this.getRenderers()[0] as Renderer), { request, view: this });
    return rendered instanceof Promise ? rendered.then((done) => applyEntityTag(request, done)) : applyEntityTag(request, rendered);
  }

  /** Sets `request.version` (DRF's `determine_version`, run in `initial()` before authentication). */
  determineVersion(request: RestRequest): void {
    const scheme = this.versioning === undefined ? request.settings.versioning : this.versioning;
    if (!scheme) return;
    request.version = scheme.determineVersion(request, this);
    request.versioningScheme = scheme;
  }

  getViewName(): string {
    return this.viewName ?? formatViewName(this.constructor.name);
  }

  getAuthenticators(): readonly Authentication[] {
    return this.authentication ?? this.request.settings.authentication;
  }

  getPermissions(): readonly Permission[] {
    return this.permissions ?? this.request.settings.permissions;
  }

  getThrottles(): readonly Throttle[] {
    return this.throttles ?? this.request.settings.throttles;
  }

  getParsers(): readonly Parser[] {
    return this.parsers ?? this.request.settings.parsers;
  }

  getRenderers(): readonly Renderer[] {
    return this.renderers ?? this.request.settings.renderers;
  }
}
