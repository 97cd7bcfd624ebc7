export { type Pagination, type Page } from "./pagination.js";
export { LimitOffsetPagination, type LimitOffsetOptions } from "./limit-offset.js";
