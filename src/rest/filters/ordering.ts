import { lastParam, type FilterBackend } from "./filter-backend.js";

/**
 * `?ordering=-pub_date,id` (DRF's `OrderingFilter`): terms naming fields outside the view's
 * `orderingFields` are dropped; with none left the default ordering stays.
 */
export const OrderingFilter: FilterBackend = {
  filterQueryset(request, queryset, view) {
    if (request.rawQuery === "") return { queryset };
    const raw = lastParam(request, "ordering");
    if (!raw) return { queryset };
    const allowed = new Set(view.orderingFields);
    const terms = raw.split(",").map((t) => t.trim()).filter((t) => t !== "" && allowed.has(t.replace(/^-/, "")));
    return { queryset: terms.length ? queryset.orderBy(...terms) : queryset };
  },
  getSchemaOperationParameters() {
    return [{ name: "ordering", required: false, in: "query", description: "Which field to use when ordering the results.", schema: { type: "string" } }];
  },
};
