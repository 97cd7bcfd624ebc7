import { NotAcceptable, NotFound } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import { mediaRangeMatches, parseAccept } from "../http/media-type.js";
import type { APIView } from "../views/api-view.js";
import { Versioning, type VersioningOptions } from "./versioning.js";

/**
 * `Accept: application/json; version=1.0` (DRF's `AcceptHeaderVersioning`). A version outside
 * the allowed ones is a 406 `Invalid version in "Accept" header.`
 */
export class AcceptHeaderVersioning extends Versioning {
  invalidVersionMessage = 'Invalid version in "Accept" header.';

  determineVersion(request: RestRequest, view: APIView): string | null {
    const param = this.versionParam(request);
    const rendered = view.renderer?.mediaType ?? "application/json";
    // The media type the client accepted: its own range when it named the renderer's type,
    // the renderer's bare type when it matched through a wildcard (DRF's accepted_media_type).
    const range = parseAccept(request.header("accept")).find((r) => mediaRangeMatches(r.essence, rendered));
    const named = range && range.essence === rendered ? range.params[param] : undefined;
    const version = named ?? this.defaultVersion(request);
    if (!this.isAllowedVersion(request, version)) throw new NotAcceptable(this.invalidVersionMessage);
    return version;
  }
}

/**
 * `/v1/polls/question/` (DRF's `URLPathVersioning`): the route's `<version>` parameter, e.g.
 * `restifyApp("api/<version>")`. Unknown versions are a 404 `Invalid version in URL path.`
 */
export class URLPathVersioning extends Versioning {
  invalidVersionMessage = "Invalid version in URL path.";

  determineVersion(request: RestRequest): string | null {
    const version = request.params[this.versionParam(request)] ?? this.defaultVersion(request);
    if (!this.isAllowedVersion(request, version)) throw new NotFound(this.invalidVersionMessage);
    return version;
  }
}

/**
 * The version is the namespace the API is mounted under (DRF's `NamespaceVersioning`, whose
 * namespace comes from `include(..., namespace="v1")`): `restifyApp("v1", { settings: {
 * versioning: new NamespaceVersioning() } })` takes the first segment of the app's URL prefix.
 */
export class NamespaceVersioning extends Versioning {
  invalidVersionMessage = "Invalid version in URL path. Does not match any version namespace.";
  readonly #namespace: string | undefined;

  constructor(options: VersioningOptions & { namespace?: string } = {}) {
    super(options);
    this.#namespace = options.namespace;
  }

  determineVersion(request: RestRequest): string | null {
    const namespace = this.#namespace ?? request.path.split("/").find((s) => s !== "") ?? null;
    const version = namespace ?? this.defaultVersion(request);
    if (!this.isAllowedVersion(request, version)) throw new NotFound(this.invalidVersionMessage);
    return version;
  }
}

/**
 * `v1.example.com` (DRF's `HostNameVersioning`): the first label of a three-label host name;
 * other hosts get the default version.
 */
export class HostNameVersioning extends Versioning {
  invalidVersionMessage = "Invalid version in hostname.";
  hostnameRegex = /^([a-zA-Z0-9]+)\.[a-zA-Z0-9]+\.[a-zA-Z0-9]+$/;

  determineVersion(request: RestRequest): string | null {
    const hostname = (request.header("host") ?? "").split(":")[0] as string;
    const match = this.hostnameRegex.exec(hostname);
    if (!match) return this.defaultVersion(request);
    const version = match[1] as string;
    if (!this.isAllowedVersion(request, version)) throw new NotFound(this.invalidVersionMessage);
    return version;
  }
}

/** `?version=0.1` (DRF's `QueryParameterVersioning`). */
export class QueryParameterVersioning extends Versioning {
  invalidVersionMessage = "Invalid version in query parameter.";

  determineVersion(request: RestRequest): string | null {
    const all = request.rawQuery === "" ? [] : request.query.getAll(this.versionParam(request));
    const version = all.length ? (all[all.length - 1] as string) : this.defaultVersion(request);
    if (!this.isAllowedVersion(request, version)) throw new NotFound(this.invalidVersionMessage);
    return version;
  }
}
