import type { RestRequest } from "../http/request.js";
import type { APIView } from "../views/api-view.js";

/** Options every versioning scheme takes; unset ones read the app settings (DRF's api_settings). */
export interface VersioningOptions {
  /** DEFAULT_VERSION. */
  defaultVersion?: string | null;
  /** ALLOWED_VERSIONS: any version when null. */
  allowedVersions?: readonly string[] | null;
  /** VERSION_PARAM: "version". */
  versionParam?: string;
}

/**
 * Where a request's API version comes from (DRF's `BaseVersioning`). The view sets
 * `request.version` from `determineVersion` before authentication, so serializers, overrides and
 * permissions can branch on it; a version outside the allowed ones is refused with DRF's message.
 */
export abstract class Versioning {
  readonly #options: VersioningOptions;

  constructor(options: VersioningOptions = {}) {
    this.#options = options;
  }

  abstract determineVersion(request: RestRequest, view: APIView): string | null;

  defaultVersion(request: RestRequest): string | null {
    return this.#options.defaultVersion === undefined ? request.settings.defaultVersion : this.#options.defaultVersion;
  }

  allowedVersions(request: RestRequest): readonly string[] | null {
    return this.#options.allowedVersions === undefined ? request.settings.allowedVersions : this.#options.allowedVersions;
  }

  versionParam(request: RestRequest): string {
    return this.#options.versionParam ?? request.settings.versionParam;
  }

  /** DRF's `is_allowed_version`: the default version is always allowed. */
  isAllowedVersion(request: RestRequest, version: string | null): boolean {
    const allowed = this.allowedVersions(request);
    if (!allowed || allowed.length === 0) return true;
    return (version !== null && version === this.defaultVersion(request)) || (version !== null && allowed.includes(version));
  }
}
