export { type FilterBackend } from "./filter-backend.js";
export { DjangoFilterBackend } from "./django-filter.js";
export { SearchFilter } from "./search.js";
export { OrderingFilter } from "./ordering.js";
