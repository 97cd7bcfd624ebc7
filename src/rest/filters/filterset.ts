import type { Field, ModelClass, QuerySet } from "../../index.js";
import { ForeignKeyDef } from "../../orm/relations/foreign-key.js";
import { findTransform } from "../../orm/lookups/transforms.js";
import { isLookup } from "../../orm/lookups/registry.js";
import { ErrorDetail } from "../errors/error-detail.js";
import { ValidationError } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import { lastParam } from "./filter-backend.js";
import { Filter, type FilterMethod } from "./filterset-filters.js";

/** A FilterSet's `static Meta` (django-filter's `class Meta`). */
export interface FilterSetMeta {
  readonly model: ModelClass;
  /**
   * `["title", "year"]` (exact matches), or lookups per field:
   * `{ year: ["exact", "gte"], pub_date: ["year__gt"] }` gives `?year=`, `?year__gte=`, `?pub_date__year__gt=`.
   */
  readonly fields?: readonly string[] | Readonly<Record<string, readonly string[]>>;
}

/** The FilterSet class a view names (DRF's `filterset_class`). */
export type FilterSetClass = new () => FilterSet;

/**
 * Query-parameter filters for a list (django-filter's `FilterSet`): generated from `Meta.fields`
 * and declared as properties, each parsed with django-filter's form messages (400 with every
 * invalid parameter), then applied in order. Empty and unknown parameters are ignored.
 *
 * ```ts
 * class BookFilter extends FilterSet {
 *   static override Meta = { model: Book, fields: { year: ["exact", "gte"], published: ["year__gt"] } };
 *   title = new CharFilter({ lookupExpr: "icontains" });
 *   reviewed = new BooleanFilter({ method: "filterReviewed" });
 *   filterReviewed(queryset: QuerySet<Book>, name: string, value: boolean) {
 *     return value ? queryset.filter({ review__isnull: false }).distinct() : queryset.filter({ review__isnull: true });
 *   }
 * }
 * ```
 */
export class FilterSet {
  static Meta?: FilterSetMeta;
  #filters: Map<string, Filter> | null = null;

  get model(): ModelClass {
    const model = (this.constructor as typeof FilterSet).Meta?.model;
    if (!model) throw new Error(`${this.constructor.name} needs \`static Meta = { model, fields }\`, as django-filter's FilterSet needs class Meta.`);
    return model;
  }

  /** Every filter by parameter name: the generated ones, then the declared ones (which win). */
  get filters(): ReadonlyMap<string, Filter> {
    if (this.#filters) return this.#filters;
    const filters = new Map<string, Filter>();
    const fields = (this.constructor as typeof FilterSet).Meta?.fields ?? [];
    const entries: [string, readonly string[]][] = Array.isArray(fields)
      ? (fields as readonly string[]).map((name) => [name, ["exact"]])
      : Object.entries(fields as Record<string, readonly string[]>);
    for (const [fieldName, lookups] of entries) {
      if (!this.#resolve(fieldName, "exact").field) {
        throw new TypeError(`${this.constructor.name}: 'Meta.fields' must not contain non-model field names: ${fieldName}`);
      }
      for (const lookupExpr of lookups) {
        const name = lookupExpr === "exact" ? fieldName : `${fieldName}__${lookupExpr}`;
        const filter = new Filter({ fieldName, lookupExpr });
        filter.name = name;
        filters.set(name, filter);
      }
    }
    for (const [name, value] of Object.entries(this)) {
      if (!(value instanceof Filter)) continue;
      value.name = name;
      filters.set(name, value);
    }
    return (this.#filters = filters);
  }

  /** The model field a path ends on, after relations and transforms, and the final lookup. */
  #resolve(fieldName: string, lookupExpr: string): { field: Field | undefined; lookup: string } {
    let model: ModelClass | undefined = this.model;
    let field: Field | undefined;
    for (const part of fieldName.split("__")) {
      if (!model) return { field: undefined, lookup: lookupExpr };
      const found = part === "pk" ? model.meta.pk : model.meta.findField(part);
      if (!found || !("column" in found)) return { field: undefined, lookup: lookupExpr };
      field = found as Field;
      model = field instanceof ForeignKeyDef ? field.requireResolved().remote.model : undefined;
    }
    const parts = lookupExpr.split("__");
    let lookup = "exact";
    for (const [i, part] of parts.entries()) {
      const transform = field ? findTransform(field, part) : undefined;
      if (transform) field = transform.output();
      else if (i === parts.length - 1 && isLookup(part)) lookup = part;
      else return { field: undefined, lookup };
    }
    return { field, lookup };
  }

  /** Narrows the queryset by the request's parameters; 400 with django-filter's messages when any is invalid. */
  async filterQueryset(request: RestRequest, queryset: QuerySet<any>): Promise<{ queryset: QuerySet<any> }> {
    if (request.rawQuery === "") return { queryset };
    const errors: Record<string, ErrorDetail[]> = {};
    const parsed: [Filter, unknown][] = [];
    for (const [name, filter] of this.filters) {
      const raw = lastParam(request, name);
      if (raw === null || raw === "") continue;
      const { field, lookup } = this.#resolve(filter.fieldName, filter.lookupExpr);
      const value = await filter.parse(raw, field, lookup);
      if ("error" in value) errors[name] = [new ErrorDetail(value.error, "invalid")];
      else if ("value" in value) parsed.push([filter, value.value]);
      else if ("none" in value && !filter.options.method) parsed.push([filter, NO_MATCH]);
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    for (const [filter, value] of parsed) {
      if (value === NO_MATCH) return { queryset: filter.options.exclude ? queryset : queryset.none() };
      if (filter.options.method) {
        const method = (this as unknown as Record<string, unknown>)[filter.options.method];
        if (typeof method !== "function") throw new Error(`${this.constructor.name}: filter "${filter.name}" names method "${filter.options.method}", which it does not define.`);
        // Returned, not awaited: a queryset is thenable and awaiting it would run it.
        queryset = (method as FilterMethod).call(this, queryset, filter.fieldName, value) as QuerySet<any>;
        continue;
      }
      const lookup = { [`${filter.fieldName}__${filter.lookupExpr}`]: value };
      queryset = filter.options.exclude ? queryset.exclude(lookup) : queryset.filter(lookup);
    }
    return { queryset };
  }

  /** The query parameters, for OpenAPI (django-filter's `get_schema_operation_parameters`). */
  getSchemaOperationParameters(): Record<string, unknown>[] {
    return [...this.filters.keys()].map((name) => ({ name, required: false, in: "query", description: name, schema: { type: "string" } }));
  }
}

const NO_MATCH = Symbol("no match");
