import type { Authentication } from "../authentication/authentication.js";
import type { FilterBackend } from "../filters/filter-backend.js";
import type { AnyPagination } from "../pagination/pagination.js";
import type { Parser } from "../parsers/parser.js";
import type { Renderer } from "../renderers/renderer.js";
import type { Versioning } from "../versioning/versioning.js";
import type { Permission } from "../permissions/permission.js";
import type { SerializerField } from "../serializers/fields/base.js";
import type { Throttle } from "../throttling/throttle.js";
import type { CustomAction } from "./custom-action.js";

/**
 * View settings for one model's endpoints (django-to-rest's `customViewParams`, DRF's view
 * attributes); unset ones fall back to the app settings.
 */
export interface ViewParams {
  authentication?: readonly Authentication[];
  permissions?: readonly Permission[];
  throttles?: readonly Throttle[];
  throttleScope?: string;
  filterBackends?: readonly FilterBackend[];
  /** DRF's `pagination_class`: a paginator instance, or null for unpaginated lists. */
  pagination?: AnyPagination | null;
  /** DRF's `versioning_class`; null turns the app's scheme off for this model. */
  versioning?: Versioning | null;
  /** DRF's `parser_classes`. */
  parsers?: readonly Parser[];
  /** DRF's `renderer_classes`. */
  renderers?: readonly Renderer[];
  /** DRF's view `ordering`: the list's default order (`["-year", "title"]`). */
  ordering?: readonly string[];
}

/** What `@restifyModel(options)` accepts. */
export interface RestifyOptions {
  /** Fields left out of the API entirely (output, input, filters, search, ordering). */
  exclude?: readonly string[];
  readOnlyFields?: readonly string[];
  /** Instance getters/methods rendered as read-only keys after the concrete fields. */
  methodFields?: readonly string[];
  /** Extra or replacement serializer fields. */
  serializerFields?: Record<string, SerializerField>;
  /** Override the default filter/search/ordering field lists. */
  filtersetFields?: readonly string[];
  searchFields?: readonly string[];
  orderingFields?: readonly string[];
  customViewParams?: ViewParams;
  /** Extra endpoints (DRF's `@action`). */
  customActions?: readonly CustomAction[];
}
