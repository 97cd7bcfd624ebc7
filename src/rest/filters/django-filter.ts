import { ErrorDetail } from "../errors/error-detail.js";
import { ValidationError } from "../errors/exceptions.js";
import { lastParam, type FilterBackend, type Filtered } from "./filter-backend.js";
import { parseFilterValue } from "./filter-values.js";
import { filterParamSchema } from "./filter-schema.js";

/**
 * Exact-value filters on the view's `filtersetFields` (django-filter's `DjangoFilterBackend`
 * with `filterset_fields`): `?choice_text=Conjested&question=2`, or the view's `filtersetClass`
 * (a FilterSet). Empty and unknown parameters are ignored; invalid values answer 400 with
 * django-filter's messages.
 */
export const DjangoFilterBackend: FilterBackend = {
  filterQueryset(request, queryset, view) {
    if (request.rawQuery === "") return { queryset };
    // A FilterSet class wins over filtersetFields, as in the original.
    if (view.filtersetClass) return new view.filtersetClass().filterQueryset(request, queryset);
    return filterByParams(request, queryset, view);
  },
  getSchemaOperationParameters(view) {
    if (view.filtersetClass) return new view.filtersetClass().getSchemaOperationParameters();
    return view.filtersetFields.map((name) => ({ name, required: false, in: "query", schema: filterParamSchema(view.model.meta.getField(name)) }));
  },
};

/** Parses every filter parameter (FK values are checked against the database), then filters. */
async function filterByParams(...[request, queryset, view]: Parameters<FilterBackend["filterQueryset"]>): Promise<Filtered> {
  const lookups: Record<string, unknown> = {};
  const errors: Record<string, ErrorDetail[]> = {};
  let none = false;
  for (const name of view.filtersetFields) {
    const raw = lastParam(request, name);
    if (raw === null || raw === "") continue;
    const field = view.model.meta.getField(name) as Parameters<typeof parseFilterValue>[0];
    const parsed = await parseFilterValue(field, raw);
    if ("error" in parsed) errors[name] = [new ErrorDetail(parsed.error, "invalid")];
    else if ("value" in parsed) lookups[name] = parsed.value;
    else if ("none" in parsed) none = true;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  if (none) return { queryset: queryset.none() };
  return { queryset: Object.keys(lookups).length ? queryset.filter(lookups) : queryset };
}
