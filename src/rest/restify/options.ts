import type { Authentication } from "../authentication/authentication.js";
import type { FilterBackend } from "../filters/filter-backend.js";
import type { FilterSetClass } from "../filters/filterset.js";
import type { AnyPagination } from "../pagination/pagination.js";
import type { Parser } from "../parsers/parser.js";
import type { Renderer } from "../renderers/renderer.js";
import type { Versioning } from "../versioning/versioning.js";
import type { Permission } from "../permissions/permission.js";
import type { SerializerField } from "../serializers/fields/base.js";
import type { Throttle } from "../throttling/throttle.js";
import type { SerializerClass } from "../serializers/serializer.js";
import type { ModelViewSet } from "../views/model-viewset.js";
import type { CustomAction } from "./custom-action.js";
import type { NestedViewSet } from "./nested-views.js";

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
  /**
   * DRF's `serializer_class`: a user-written Serializer/ModelSerializer. As in the original, no
   * default filter, search or ordering fields are derived then (set them explicitly).
   */
  serializerClass?: SerializerClass;
  /** django-filter's `filterset_class`: wins over `filtersetFields`. */
  filtersetClass?: FilterSetClass;
  /**
   * A `ModelViewSet` subclass serving the model's list and detail routes: override `list`,
   * `create`, `retrieve`, `update`, `partialUpdate`, `destroy`, `getQueryset`, `getObject`,
   * `performCreate`, `performUpdate`, `performDestroy`, calling `super` for the default.
   */
  viewset?: typeof ModelViewSet;
}

/**
 * Replacements for a nested route's views (django-to-rest's nested list/detail actions), by
 * accessor: `{ choices: { list: class extends OneToManyListView { ... } } }`. A many-to-many
 * accessor has a `list` (ManyToManyListView) and a `detail` (ManyToManyDetailView) view.
 */
export type NestedViews = { readonly list?: typeof NestedViewSet; readonly detail?: typeof NestedViewSet };

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
  /** Search fields, with DRF's prefixes: `^` starts with, `=` exact, `$` regex, `@` full text. */
  searchFields?: readonly string[];
  /** `"__all__"`: every model field (DRF's `ordering_fields = "__all__"`). */
  orderingFields?: readonly string[] | "__all__";
  customViewParams?: ViewParams;
  /** Extra endpoints (DRF's `@action`). */
  customActions?: readonly CustomAction[];
  /** Replaced nested route views, by accessor name (`choices`, `course_set`). */
  nestedViews?: Readonly<Record<string, NestedViews>>;
}
