export { type Pagination, type AnyPagination, type Page, type PageBase } from "./pagination.js";
export { LimitOffsetPagination, type LimitOffsetOptions } from "./limit-offset.js";
export { PageNumberPagination, type PageNumberOptions, type NumberedPage } from "./page-number.js";
export { CursorPagination, type CursorOptions, type CursorPage } from "./cursor.js";
export { exactCount, cappedCount, estimatedCount, type CountStrategy, type CountResult } from "./count.js";
