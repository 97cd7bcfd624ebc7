import { IntegrityError, ProtectedError, RestrictedError, type ModelClass, type QuerySet } from "../../index.js";
import { isConnectionLost, isTransactionConflict } from "../../db/conflict.js";
import { atomic, inTransaction } from "../../db/transaction.js";
import { ErrorDetail } from "../errors/error-detail.js";
import { Conflict, NotFound, PreconditionFailed, ProtectedObject, ValidationError } from "../errors/exceptions.js";
import type { Renderer } from "../renderers/renderer.js";
import { entityTag, ifMatchHolds } from "./conditional.js";
import type { RestRequest } from "../http/request.js";
import type { FilterBackend, Filtered } from "../filters/filter-backend.js";
import type { FilterSetClass } from "../filters/filterset.js";
import type { AnyPagination } from "../pagination/pagination.js";
import type { ModelSerializer } from "../serializers/model-serializer.js";
import type { Serializer, SerializerClass } from "../serializers/serializer.js";
import { keyInRange } from "../serializers/fields/relations.js";
import { APIView } from "./api-view.js";
import { ModelMetadata } from "./model-metadata.js";

/** A model instance as views handle it. */
export type ModelInstance = Record<string, unknown> & { pk: unknown; save(): Promise<void>; delete(): Promise<unknown> };

/**
 * A view over one model (DRF's `GenericAPIView`): the queryset, the serializer, the filter
 * backends and paginator, and `getObject()` for detail routes (404 for unknown or malformed keys).
 */
export class GenericAPIView extends APIView {
  model!: ModelClass;
  /** The generated serializer (OpenAPI and OPTIONS describe it when no class is given). */
  serializer!: ModelSerializer;
  /** DRF's `serializer_class`: a Serializer/ModelSerializer subclass, made per request with `{ request, view }` as context. */
  serializerClass?: SerializerClass;
  #serializer: Serializer | undefined;
  /** DRF's `filter_backends`; unset reads the app's `filterBackends` (none by default). */
  filterBackends?: readonly FilterBackend[];
  /** DRF's `pagination_class` (an instance); unset reads the app's `pagination`, null turns it off. */
  pagination?: AnyPagination | null;
  /** DRF's view `ordering`: the list's default order, before the model's. */
  ordering?: readonly string[];
  /** Fields `?field=value` filters on (django-filter's `filterset_fields`). */
  filtersetFields: readonly string[] = [];
  /** django-filter's `filterset_class`: wins over `filtersetFields`. */
  filtersetClass?: FilterSetClass;
  searchFields: readonly string[] = [];
  /** Fields `?ordering=` may name; `"__all__"` for every model field (DRF's `ordering_fields`). */
  orderingFields: readonly string[] | "__all__" = [];
  /** The URL parameter holding the object key. */
  lookupUrlKwarg = "pk";
  override metadata = ModelMetadata;

  /** Every object the view may show (DRF's `get_queryset`); unordered, lists order it. */
  getQueryset(): QuerySet<any> {
    return this.model.objects.all();
  }

  /** The list's default order: the view's `ordering`, the model's, else the primary key (stable pages). */
  defaultOrdering(queryset: QuerySet<any>): QuerySet<any> {
    const ordering = this.ordering?.length ? this.ordering : this.model.meta.ordering;
    return queryset.orderBy(...(ordering.length ? ordering : ["pk"]));
  }

  /** DRF's `get_serializer_class`: override to choose by request (`this.request.version`, `this.action`). */
  getSerializerClass(): SerializerClass | undefined {
    return this.serializerClass;
  }

  /** DRF's `get_serializer`: the serializer of this request, with its context. */
  getSerializer(): Serializer {
    if (this.#serializer) return this.#serializer;
    const Class = this.getSerializerClass();
    if (!Class) return (this.#serializer = this.serializer);
    const serializer = new Class();
    serializer.context = { request: this.request, view: this };
    return (this.#serializer = serializer);
  }

  getFilterBackends(): readonly FilterBackend[] {
    return this.filterBackends ?? this.request?.settings.filterBackends ?? [];
  }

  /** The paginator (DRF's `paginator` property). */
  getPaginator(): AnyPagination | null {
    return this.pagination === undefined ? (this.request?.settings.pagination ?? null) : this.pagination;
  }

  /** Applies the filter backends; boxed because a queryset is thenable (awaiting it runs it). */
  async filterQueryset(queryset: QuerySet<any>): Promise<Filtered> {
    for (const backend of this.getFilterBackends()) {
      const result = backend.filterQueryset(this.request, queryset, this);
      // Most backends answer synchronously; awaiting only promises saves a turn per backend.
      ({ queryset } = result instanceof Promise ? await result : result);
    }
    return { queryset };
  }

  /** Converts a URL key to the primary key's type; anything that cannot be one is a 404. */
  parseKey(raw: string | undefined, model: ModelClass = this.model): unknown {
    if (raw === undefined) throw new NotFound();
    let key: unknown;
    try {
      key = model.meta.pk.toJs(raw);
    } catch {
      throw new NotFound();
    }
    if (key === null || !keyInRange(model.meta.pk, key)) throw new NotFound();
    return key;
  }

  /**
   * The object the URL names, after object permissions (DRF's `get_object`). As in DRF, the
   * filter backends apply: `/question/1/?question_text=other` is a 404.
   */
  async getObject(): Promise<ModelInstance> {
    const key = this.parseKey(this.request.params[this.lookupUrlKwarg]);
    const { queryset } = await this.filterQueryset(this.getQueryset());
    let one = queryset.filter({ pk: key });
    // A write that checks If-Match holds the row until it commits, so no other write slips in
    // between the check and the change.
    if (this.lockObject) one = one.selectForUpdate();
    const found = (await one.slice(0, 1))[0] as ModelInstance | undefined;
    if (!found) throw new NotFound();
    await this.checkObjectPermissions(this.request, found);
    return found;
  }

  /** Whether `getObject` locks the row (set by writes that carry If-Match). */
  get lockObject(): boolean {
    return this.request.method !== "GET" && this.request.header("if-match") !== undefined;
  }

  /**
   * `If-Match` on PUT/PATCH/DELETE: 412 unless it names the current object's ETag (the tag a
   * GET would answer now, rendered as this request would be); `*` only needs the object.
   */
  async checkIfMatch(instance: ModelInstance): Promise<void> {
    const header = this.request.header("if-match");
    if (header === undefined || header.trim() === "*") return;
    const renderer = this.renderer ?? (this.getRenderers()[0] as Renderer);
    const content = await renderer.render(await this.serializer.renderOne(instance, this.request.basePath));
    if (!ifMatchHolds(header, entityTag(content, renderer.mediaType))) throw new PreconditionFailed();
  }

  /** Values the route fixes for new objects (a nested route's parent). */
  fixedValues(): Record<string, unknown> {
    return {};
  }

  /** Saves a new object from validated data (DRF's `perform_create` hook). */
  performCreate(validated: Record<string, unknown>): Promise<ModelInstance> {
    return this.getSerializer().create(validated) as Promise<ModelInstance>;
  }

  /** Applies validated data to an object and saves it (DRF's `perform_update`). */
  async performUpdate(instance: ModelInstance, validated: Record<string, unknown>): Promise<void> {
    await this.getSerializer().update(instance, validated);
  }

  /** Deletes an object, cascading per `onDelete` (DRF's `perform_destroy`). */
  async performDestroy(instance: ModelInstance): Promise<void> {
    await instance.delete();
  }

  /** JSON for objects, with links relative to where the app is mounted. */
  render(instances: readonly object[]): Promise<Record<string, unknown>[]> {
    return this.getSerializer().render(instances, this.request.basePath, this.request.params);
  }

  /** JSON for one object. */
  async renderOne(instance: object): Promise<Record<string, unknown>> {
    return (await this.render([instance]))[0] as Record<string, unknown>;
  }

  /** Validates request data with the request's serializer (DRF's `serializer.is_valid(raise_exception=True)`). */
  validateData(data: unknown, options: { partial?: boolean; instance?: ModelInstance | null; fixed?: Record<string, unknown> } = {}): Promise<Record<string, unknown>> {
    return this.getSerializer().runValidation(data, options);
  }

  /**
   * Runs a write in a transaction. A constraint the validators could not foresee, or a
   * deadlock, almost always means a concurrent request changed the rows in between (a child
   * inserted while its parent's cascade ran, a parent deleted while a child was validated):
   * the whole write runs again, so the validators see the new state and answer in DRF's words,
   * and a cascade collects the new children. What still fails is answered without the
   * database's message (it names tables and constraints): 400 for a row the client sent, 409
   * for a conflict it cannot fix.
   */
  async write<T>(fn: () => Promise<T>, attempts = WRITE_ATTEMPTS): Promise<T> {
    // Inside an outer transaction a failed statement has spoiled it: nothing to retry.
    const retry = !inTransaction();
    for (let attempt = 1; ; attempt++) {
      // A connection lost before COMMIT was sent (at BEGIN or in the write) committed nothing:
      // safe to run again. Lost during COMMIT, the outcome is unknown: that one is a 500.
      let committing = false;
      try {
        return await atomic(async () => {
          const result = await fn();
          committing = true;
          return result;
        });
      } catch (error) {
        // Django's message names the model and the foreign keys: "Cannot delete some instances ...".
        // Checked first: these are IntegrityErrors too (as in Django), but retrying cannot help.
        if (error instanceof ProtectedError || error instanceof RestrictedError) throw new ProtectedObject(error.message);
        const conflict = error instanceof IntegrityError || isTransactionConflict(error);
        if ((conflict || (!committing && isConnectionLost(error))) && retry && attempt < attempts) continue;
        if (error instanceof IntegrityError && this.request.method !== "DELETE") {
          throw new ValidationError({ non_field_errors: [new ErrorDetail(INTEGRITY_MESSAGES[error.constraintKind], "integrity")] });
        }
        if (conflict) throw new Conflict();
        throw error;
      }
    }
  }
}

/** How many times a write meeting a concurrent change runs in all. */
const WRITE_ATTEMPTS = 3;

/** What a client is told about a constraint only the database caught (never its own message). */
const INTEGRITY_MESSAGES: Record<IntegrityError["constraintKind"], string> = {
  unique: "An object with these values already exists.",
  foreignKey: "A related object does not exist.",
  notNull: "A required value is missing.",
  check: "The values break a rule of the database.",
  unknown: "The values break a rule of the database.",
};

export type { RestRequest };
