import type { Authentication } from "../authentication/authentication.js";
import { AnonymousUser, type RestUser } from "../authentication/user.js";
import type { RestSettings } from "../app/settings.js";
import { UnsupportedMediaType } from "../errors/exceptions.js";
import { selectParser, type ParsedBody, type Parser } from "../parsers/parser.js";
import { parseMediaType } from "./media-type.js";
import { QueryDict } from "./query-dict.js";
import type { RequestSource } from "./source.js";
import type { ViewHandler } from "../views/view-handler.js";

const NO_FILES = new QueryDict<File>();

/**
 * The request every view sees, whatever server it came through (DRF's `Request`). Cheap to
 * build: the query string and the body are parsed only when asked for.
 *
 * - `query`: the query string as `URLSearchParams` (DRF's `query_params`)
 * - `data` / `files`: the parsed body, after `await request.load()` (the view pipeline loads it
 *   before calling a handler)
 * - `user` / `auth`: set by authentication (`AnonymousUser` / null otherwise)
 * - `params`: the URL parameters of the matched route (`<pk>`)
 */
export class RestRequest {
  readonly method: string;
  /** Path relative to the mount point, undecoded, e.g. `/rest/v1/polls/question/1/`. */
  readonly path: string;
  readonly rawQuery: string;
  params: Record<string, string> = {};
  user: RestUser = AnonymousUser;
  auth: unknown = null;
  /** The authentication class that accepted the request, if any. */
  authenticator: Authentication | null = null;
  /** The authentication classes the view tried (DRF's `request.authenticators`). */
  authenticators: readonly Authentication[] = [];
  /** The API version the view's versioning scheme found (DRF's `request.version`); null without one. */
  version: string | null = null;
  /** The versioning scheme that set it (DRF's `request.versioning_scheme`). */
  versioningScheme: unknown = null;
  /** Set by the test client's `forceAuthenticate`: bypasses authentication classes. */
  forcedAuth: { user: RestUser; auth: unknown } | null = null;
  /**
   * The view serving another path of the same app, set by the app (the browsable API's
   * breadcrumbs resolve each ancestor URL, as DRF's `get_breadcrumbs` does).
   */
  resolveView: ((path: string) => ViewHandler | null) | null = null;
  #query: URLSearchParams | undefined;
  #body: ParsedBody | undefined;

  constructor(
    readonly source: RequestSource,
    readonly settings: RestSettings,
  ) {
    this.method = source.method;
    const url = source.url;
    const q = url.indexOf("?");
    this.path = q < 0 ? url : url.slice(0, q);
    this.rawQuery = q < 0 ? "" : url.slice(q + 1);
  }

  get query(): URLSearchParams {
    return (this.#query ??= new URLSearchParams(this.rawQuery));
  }

  /** A header by name (case-insensitive). */
  header(name: string): string | undefined {
    return this.source.header(name.toLowerCase());
  }

  /** The raw Content-Type header, "" when absent. */
  get contentType(): string {
    return this.source.header("content-type") ?? "";
  }

  get hasBody(): boolean {
    return this.source.preParsed !== undefined || this.source.hasBody;
  }

  get basePath(): string {
    return this.source.basePath;
  }

  get remoteAddress(): string | undefined {
    return this.source.remoteAddress;
  }

  /** `scheme://host` as the client addressed the server. */
  get origin(): string {
    return `${this.source.scheme}://${this.source.header("host") ?? "localhost"}`;
  }

  /** An absolute URL for a path of this app, e.g. `http://host/api/rest/v1/x/`. */
  absoluteUri(path: string): string {
    return this.origin + this.basePath + path;
  }

  /**
   * Reads and parses the body once; later calls return the same result. Throws 415 for a
   * media type no parser accepts, 413 past the body limit, 400 for malformed content.
   */
  async load(parsers: readonly Parser[] = this.settings.parsers): Promise<ParsedBody> {
    if (this.#body) return this.#body;
    const preParsed = this.source.preParsed;
    if (preParsed) return (this.#body = { data: preParsed.data, files: NO_FILES });
    if (!this.source.hasBody) return (this.#body = this.#empty());
    const contentType = this.contentType;
    const mediaType = parseMediaType(contentType);
    const parser = selectParser(parsers, mediaType.essence);
    if (!parser) throw new UnsupportedMediaType(contentType);
    const body = await this.source.readBody(this.settings.bodyLimit);
    if (body.length === 0) return (this.#body = this.#empty());
    return (this.#body = await parser.parse(body, { contentType, mediaType, limits: this.settings }));
  }

  /** The parsed body (DRF's `request.data`): `{}` for requests without one. */
  get data(): unknown {
    return this.#loaded().data;
  }

  /** Uploaded files of a multipart body (DRF's `request.FILES`). */
  get files(): QueryDict<File> {
    return this.#loaded().files;
  }

  #loaded(): ParsedBody {
    if (this.#body) return this.#body;
    if (!this.hasBody) return (this.#body = this.#empty());
    throw new Error(
      "request.data was read before the body was loaded: `await request.load()` first " +
        "(views load it before calling their handler).",
    );
  }

  /** DRF: an empty body is an empty QueryDict for form media types, `{}` otherwise. */
  #empty(): ParsedBody {
    const essence = parseMediaType(this.contentType).essence;
    const form = essence === "application/x-www-form-urlencoded" || essence === "multipart/form-data";
    return { data: form ? new QueryDict() : {}, files: NO_FILES };
  }
}
