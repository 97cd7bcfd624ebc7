import type { GenericAPIView } from "../views/generic-api-view.js";
import { lastParam, type FilterBackend } from "./filter-backend.js";

/**
 * `?ordering=-pub_date,id` (DRF's `OrderingFilter`): terms naming fields outside the view's
 * `orderingFields` (`"__all__"`: every model field) are dropped; with none left the default
 * ordering stays (the view's `ordering`, else the model's).
 */
export const OrderingFilter: FilterBackend = {
  filterQueryset(request, queryset, view) {
    if (request.rawQuery === "") return { queryset };
    const raw = lastParam(request, "ordering");
    if (!raw) return { queryset };
    const allowed = new Set(orderableFields(view));
    const terms = raw.split(",").map((t) => t.trim()).filter((t) => t !== "" && allowed.has(t.replace(/^-/, "")));
    return { queryset: terms.length ? queryset.orderBy(...terms) : queryset };
  },
  getSchemaOperationParameters() {
    return [{ name: "ordering", required: false, in: "query", description: "Which field to use when ordering the results.", schema: { type: "string" } }];
  },
};

/** The fields `?ordering=` may name (DRF's `ordering_fields`; `"__all__"`: every model field). */
export function orderableFields(view: GenericAPIView): readonly string[] {
  return view.orderingFields === "__all__" ? [...view.model.meta.fields.map((f) => f.name), "pk"] : view.orderingFields;
}
