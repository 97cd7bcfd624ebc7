import { Q, type QNode } from "../../index.js";
import { lastParam, type FilterBackend } from "./filter-backend.js";

/**
 * `?search=term another` (DRF's `SearchFilter`): every term must appear, case-insensitively,
 * in one of the view's `searchFields`. Terms are split on spaces and commas.
 */
export const SearchFilter: FilterBackend = {
  filterQueryset(request, queryset, view) {
    if (request.rawQuery === "" || view.searchFields.length === 0) return { queryset };
    const raw = lastParam(request, "search");
    if (!raw) return { queryset };
    const terms = raw.replace(/\0/g, "").replace(/,/g, " ").split(/\s+/).filter(Boolean);
    for (const term of terms) {
      const [first, ...rest] = view.searchFields.map((name) => Q({ [`${name}__icontains`]: term }));
      queryset = queryset.filter(rest.reduce<QNode>((q, next) => q.or(next), first as QNode));
    }
    return { queryset };
  },
  getSchemaOperationParameters() {
    return [{ name: "search", required: false, in: "query", description: "A search term.", schema: { type: "string" } }];
  },
};
