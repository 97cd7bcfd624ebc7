import type { Authentication } from "../authentication/authentication.js";
import type { FilterBackend } from "../filters/filter-backend.js";
import type { Pagination } from "../pagination/pagination.js";
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
  pagination?: Pagination | null;
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
