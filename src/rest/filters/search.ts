import { Q, type QNode } from "../../index.js";
import { lastParam, type FilterBackend } from "./filter-backend.js";

/**
 * DRF's `lookup_prefixes`: `^title` starts with, `=title` exact (case-insensitive), `$title`
 * regex, `@title` full-text search (the ORM's `__search`: PostgreSQL's text search, a
 * case-insensitive contains on databases without one); no prefix is `icontains`.
 */
const PREFIXES: Record<string, string> = { "^": "istartswith", "=": "iexact", "$": "iregex", "@": "search" };

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "i");
    return true;
  } catch {
    return false;
  }
}

function searchLookup(field: string): string {
  const lookup = PREFIXES[field.charAt(0)];
  return lookup ? `${field.slice(1)}__${lookup}` : `${field}__icontains`;
}

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
    // A `$` field takes each term as a regular expression: one that cannot compile matches nothing.
    if (view.searchFields.some((f) => f.startsWith("$")) && terms.some((t) => !compiles(t))) return { queryset: queryset.none() };
    const lookups = view.searchFields.map(searchLookup);
    for (const term of terms) {
      const [first, ...rest] = lookups.map((lookup) => Q({ [lookup]: term }));
      queryset = queryset.filter(rest.reduce<QNode>((q, next) => q.or(next), first as QNode));
    }
    return { queryset };
  },
  getSchemaOperationParameters() {
    return [{ name: "search", required: false, in: "query", description: "A search term.", schema: { type: "string" } }];
  },
};
