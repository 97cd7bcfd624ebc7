import type { Field, ModelClass } from "../../index.js";
import { ForeignKeyDef } from "../../orm/relations/foreign-key.js";
import type { ManyToManyFieldDef } from "../../orm/relations/many-to-many.js";
import { DjangoFilterBackend } from "../filters/django-filter.js";
import { OrderingFilter } from "../filters/ordering.js";
import { SearchFilter } from "../filters/search.js";
import type { FilterBackend } from "../filters/filter-backend.js";
import type { AnyPagination } from "../pagination/pagination.js";
import { joinPath } from "../routing/pattern.js";
import { fieldKind } from "../serializers/field-mapping.js";
import { ModelSerializer } from "../serializers/model-serializer.js";
import { PasswordField } from "../serializers/fields/password.js";
import type { SerializerClass } from "../serializers/serializer.js";
import type { ViewHandler } from "../views/view-handler.js";
import { DETAIL_ACTIONS, LIST_ACTIONS, ModelViewSet } from "../views/model-viewset.js";
import { ManyToManyDetailView, ManyToManyListView, OneToManyListView, type SymmetricKeys } from "./nested-views.js";
import { CustomActionView } from "./custom-action.js";
import type { NestedViews, RestifyOptions } from "./options.js";

/** One row of the route table restifyApp builds. */
export interface RouteRow {
  readonly pattern: string;
  readonly name: string;
  readonly view: ViewHandler;
}

const isOneToOne = (f: Field) => f instanceof ForeignKeyDef && f.oneToOne;

/**
 * django-to-rest's defaults, without its leaks: filters on every shown concrete field and
 * foreign key (one-to-ones excluded, as recorded), search over every shown field that is not a
 * relation (the primary key and numbers too: `?search=1` finds id 1 and year 1), ordering by
 * any shown concrete field but one-to-ones.
 */
function defaultFilterFields(model: ModelClass, exclude: ReadonlySet<string>) {
  const shown = model.meta.fields.filter((f) => !exclude.has(f.name));
  return {
    filtersetFields: shown.filter((f) => !isOneToOne(f)).map((f) => f.name),
    searchFields: shown.filter((f) => !(f instanceof ForeignKeyDef) && SEARCHABLE_KINDS.has(fieldKind(f))).map((f) => f.name),
    orderingFields: shown.filter((f) => !isOneToOne(f)).map((f) => f.name),
  };
}

/** Field kinds `icontains` can search on every backend (a JSON document's text is not one). */
const SEARCHABLE_KINDS = new Set([
  "CharField", "TextField", "EmailField", "URLField", "SlugField", "UUIDField",
  "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "SmallIntegerField", "BigIntegerField",
  "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField", "FloatField", "DecimalField",
  "BooleanField", "DateField", "DateTimeField",
]);

/** View settings a model's `customViewParams` may set, which also guard its nested routes. */
const GUARDS = ["authentication", "permissions", "throttles", "throttleScope", "versioning"] as const;
/** Other view settings passed through from `customViewParams` to the model's own routes. */
const PASSED = ["parsers", "renderers", "ordering", "serializerClass", "filtersetClass"] as const;

/** App-wide defaults the model's views start from (DRF's REST_FRAMEWORK, as restifyApp resolves it). */
export interface AppDefaults {
  readonly pagination: AnyPagination | null;
  readonly filterBackends: readonly FilterBackend[];
}

/** django-to-rest's filter backends, used unless the app sets DEFAULT_FILTER_BACKENDS. */
export const RESTIFY_FILTER_BACKENDS: readonly FilterBackend[] = [DjangoFilterBackend, SearchFilter, OrderingFilter];

/** Where a model's list lives below the prefix: `rest/v1/polls/question` (no outer slashes). */
export function modelPath(prefix: string, model: ModelClass): string {
  return joinPath(prefix, `${model.meta.appLabel}/${model.meta.modelName}`);
}

/** Common view settings for a model's views. */
function viewInit(model: ModelClass, options: RestifyOptions, serializer: ModelSerializer, app: AppDefaults) {
  const exclude = new Set(options.exclude ?? []);
  const params = options.customViewParams ?? {};
  // With a user's serializer class the original derives no filter, search or ordering fields.
  const defaults = params.serializerClass ? { filtersetFields: [], searchFields: [], orderingFields: [] } : defaultFilterFields(model, exclude);
  const init: Record<string, unknown> = {
    model,
    // OpenAPI describes the user's ModelSerializer when there is one (a plain Serializer has no model).
    serializer: describedSerializer(params.serializerClass) ?? serializer,
    filterBackends: params.filterBackends ?? app.filterBackends,
    pagination: params.pagination === undefined ? app.pagination : params.pagination,
    filtersetFields: (options.filtersetFields ?? defaults.filtersetFields).filter((n) => !exclude.has(n)),
    searchFields: (options.searchFields ?? defaults.searchFields).filter((n) => !exclude.has(n.replace(/^[\^=@$]/, ""))),
    orderingFields: options.orderingFields === "__all__" ? "__all__" : (options.orderingFields ?? defaults.orderingFields).filter((n) => !exclude.has(n)),
  };
  for (const key of [...GUARDS, ...PASSED]) {
    if (params[key] !== undefined) init[key] = params[key];
  }
  return init;
}

/**
 * The routes of one model under `prefix` (no slashes around it): list, detail, and one nested
 * route per reverse foreign key and many-to-many, named as django-to-rest names them
 * (`polls_question-list`, `edu_student-student-course_set-list`).
 */
export function modelRoutes(
  prefix: string,
  model: ModelClass,
  options: RestifyOptions,
  app: AppDefaults,
  optionsOf: (model: ModelClass) => RestifyOptions,
  served: (model: ModelClass) => boolean = () => true,
): RouteRow[] {
  const meta = model.meta;
  const base = `${modelPath(prefix, model)}/`;
  const name = `${meta.appLabel}_${meta.modelName}`;
  const serializer = serializerFor(prefix, model, options, served);
  const init = viewInit(model, options, serializer, app);
  // OPTIONS `name`, as DRF's viewsets build it: "Question List", "Question Instance".
  const title = meta.verboseName.replace(/(^|\s)\w/g, (c) => c.toUpperCase());
  // A user's ModelViewSet subclass overrides actions and hooks, `super` reaching the defaults.
  const ViewSet = options.customViewParams?.viewset ?? ModelViewSet;
  const rows: RouteRow[] = [
    { pattern: base, name: `${name}-list`, view: ViewSet.asView({ ...init, actions: LIST_ACTIONS, viewName: `${title} List` } as never) },
    { pattern: `${base}<pk>/`, name: `${name}-detail`, view: ViewSet.asView({ ...init, actions: DETAIL_ACTIONS, viewName: `${title} Instance` } as never) },
  ];
  for (const action of options.customActions ?? []) {
    const actions = Object.fromEntries((action.methods ?? ["GET"]).map((m) => [m.toLowerCase(), "run"]));
    rows.push({
      pattern: `${base}${action.detail ? "<pk>/" : ""}${action.name}/`,
      name: `${name}-${action.name}`,
      view: CustomActionView.asView({ ...init, actions, customAction: action } as never),
    });
  }
  const exclude = new Set(options.exclude ?? []);
  const nested = (accessor: string) => ({ pattern: `${base}<parent_pk>/${accessor}/`, name: `${name}-${meta.modelName}-${accessor}` });

  for (const relation of meta.relatedObjects) {
    if (relation.hidden || !relation.multiple || exclude.has(relation.accessorName)) continue;
    if (relation.isManyToMany) {
      const m2m = relation.field as ManyToManyFieldDef<any>;
      const views = options.nestedViews?.[relation.accessorName];
      rows.push(...manyToManyRoutes(nested(relation.accessorName), m2m.requireResolved().toField, m2m.through.model, model, app, null, views, init));
      continue;
    }
    const fk = relation.field as ForeignKeyDef<any, boolean, boolean>;
    const child = relation.relatedModel.model;
    const childOptions = optionsOf(child);
    const childInit = viewInit(child, childOptions, serializerFor(prefix, child, childOptions, served), app);
    const { pattern, name: routeName } = nested(relation.accessorName);
    const ListView = options.nestedViews?.[relation.accessorName]?.list ?? OneToManyListView;
    rows.push({
      pattern,
      name: `${routeName}-list`,
      view: ListView.asView({
        ...childInit,
        // The parent's authentication and throttles guard its nested routes; its permissions
        // are checked against the parent model, then the child's against the child (as
        // django-to-rest's nested views answer: Question1 rights alone do not list Choice1s).
        ...pick(init, ["authentication", "throttles", "throttleScope"]),
        ...(init.permissions !== undefined ? { parentPermissions: init.permissions } : {}),
        actions: { get: "list" },
        parentModel: model,
        parentLookup: fk.name,
        parentAttname: fk.attname,
      } as never),
    });
  }
  for (const m2m of meta.manyToMany) {
    if (exclude.has(m2m.name)) continue;
    const { fromField, toField } = m2m.requireResolved();
    // A symmetrical relation to "self" keeps both directions of each pair, as Django does.
    const symmetric = m2m.symmetrical && m2m.remote === m2m.model ? { from: fromField.attname, to: toField.attname } : null;
    rows.push(...manyToManyRoutes(nested(m2m.name), fromField, m2m.through.model, model, app, symmetric, options.nestedViews?.[m2m.name], init));
  }
  return rows;
}

/**
 * The serializer of a model's routes, its links under the model's list URL. A foreign key to a
 * model the app does not serve is left out, as the original leaves it (a primary key excepted).
 */
function serializerFor(prefix: string, model: ModelClass, options: RestifyOptions, served: (model: ModelClass) => boolean): ModelSerializer {
  const unserved = model.meta.fields
    .filter((f) => f instanceof ForeignKeyDef && !f.primaryKey && !served(f.requireResolved().remote.model))
    .map((f) => f.name);
  // Models naming password columns (torest/auth's User) get write-only, hashed fields for them.
  const passwords = (model as { passwordFields?: readonly string[] }).passwordFields ?? [];
  const fields = { ...Object.fromEntries(passwords.map((name) => [name, new PasswordField()])), ...options.serializerFields };
  return ModelSerializer.forModel(model, {
    exclude: [...(options.exclude ?? []), ...unserved],
    readOnlyFields: options.readOnlyFields,
    methodFields: options.methodFields,
    fields,
    listPath: `/${modelPath(prefix, model)}/`,
  });
}

function describedSerializer(Class: SerializerClass | undefined): ModelSerializer | undefined {
  if (!Class) return undefined;
  const probe = new Class();
  return probe instanceof ModelSerializer ? probe : undefined;
}

function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in from).map((k) => [k, from[k]]));
}

/** List/create and detail routes over the through rows that point at the parent through `parentFk`. */
function manyToManyRoutes(
  at: { pattern: string; name: string },
  parentFk: ForeignKeyDef<any, boolean, boolean>,
  through: ModelClass,
  parent: ModelClass,
  app: AppDefaults,
  symmetric: SymmetricKeys | null = null,
  views: NestedViews = {},
  parentInit: Record<string, unknown> = {},
): RouteRow[] {
  const serializer = ModelSerializer.forModel(through, { readOnlyFields: [parentFk.name] });
  const init = {
    ...viewInit(through, { exclude: [] }, serializer, app),
    // The parent's guards protect its many-to-many routes too; its permissions run against the parent model.
    ...pick(parentInit, ["authentication", "throttles", "throttleScope"]),
    ...(parentInit.permissions !== undefined ? { parentPermissions: parentInit.permissions } : {}),
    symmetric,
    parentModel: parent,
    parentLookup: parentFk.name,
    parentAttname: parentFk.attname,
  };
  return [
    { pattern: at.pattern, name: `${at.name}-list`, view: (views.list ?? ManyToManyListView).asView({ ...init, actions: LIST_ACTIONS } as never) },
    { pattern: `${at.pattern}<pk>/`, name: `${at.name}-detail`, view: (views.detail ?? ManyToManyDetailView).asView({ ...init, actions: DETAIL_ACTIONS } as never) },
  ];
}
