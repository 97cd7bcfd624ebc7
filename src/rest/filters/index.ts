export { type FilterBackend } from "./filter-backend.js";
export { DjangoFilterBackend } from "./django-filter.js";
export { SearchFilter } from "./search.js";
export { OrderingFilter } from "./ordering.js";
export { FilterSet, type FilterSetClass, type FilterSetMeta } from "./filterset.js";
export {
  Filter,
  CharFilter,
  NumberFilter,
  BooleanFilter,
  ChoiceFilter,
  DateFilter,
  DateTimeFilter,
  UUIDFilter,
  type FilterOptions,
  type FilterMethod,
} from "./filterset-filters.js";
