import type { QuerySet } from "../../index.js";
import { formatDateTimeIso } from "../../db/values.js";
import { NotFound } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import { OrderingFilter, orderableFields } from "../filters/ordering.js";
import type { GenericAPIView } from "../views/generic-api-view.js";
import type { PageBase, Pagination } from "./pagination.js";
import { absoluteUrl, positiveInt, queryParam, withQueryParam } from "./query-url.js";
import { linkSchema, queryParameter, PAGE_SIZE_DESCRIPTION } from "./schema.js";

export interface CursorOptions {
  /** The order pages follow; its first field should be unique and unchanging (DRF's default "-created"). */
  ordering?: string | readonly string[];
  /** Objects per page; unset reads the app's `pageSize` (DRF's `PAGE_SIZE`). */
  pageSize?: number | null;
  /** DRF's `cursor_query_param`: "cursor". */
  cursorQueryParam?: string;
  pageSizeQueryParam?: string | null;
  maxPageSize?: number | null;
  /** DRF's `offset_cutoff`: the largest offset a cursor may carry (1000). */
  offsetCutoff?: number;
}

/** Where a page starts (DRF's `Cursor` namedtuple). */
interface Cursor {
  readonly offset: number;
  readonly reverse: boolean;
  readonly position: string | null;
}

/** One cursor page, with what its links need. */
export interface CursorPage extends PageBase {
  readonly pageSize: number;
  readonly ordering: readonly string[];
  readonly cursor: Cursor | null;
  readonly hasNext: boolean;
  readonly hasPrevious: boolean;
  readonly nextPosition: string | null;
  readonly previousPosition: string | null;
  readonly baseUrl: string;
}

/**
 * `?cursor=cD0yMDI2LTEy` (DRF's `CursorPagination`): opaque links that stay right while rows
 * are added, because a page starts after a position (the first ordering field's value), not at
 * an offset. Answers `{"next", "previous", "results"}` (no count). An unreadable cursor is a 404
 * `{"detail": "Invalid cursor"}`. The algorithm, including the offsets that step over equal
 * positions, is DRF's.
 */
export class CursorPagination implements Pagination<CursorPage> {
  readonly ordering: readonly string[];
  readonly pageSize: number | null | undefined;
  readonly cursorQueryParam: string;
  readonly pageSizeQueryParam: string | null;
  readonly maxPageSize: number | null;
  readonly offsetCutoff: number;
  invalidCursorMessage = "Invalid cursor";

  constructor(options: CursorOptions = {}) {
    const ordering = options.ordering ?? "-created";
    this.ordering = typeof ordering === "string" ? [ordering] : [...ordering];
    if (this.ordering.length === 0 || this.ordering.some((o) => o.includes("__"))) {
      throw new TypeError("CursorPagination: ordering needs at least one field of the model itself (no `__` paths), as DRF's.");
    }
    this.pageSize = options.pageSize;
    this.cursorQueryParam = options.cursorQueryParam ?? "cursor";
    this.pageSizeQueryParam = options.pageSizeQueryParam ?? null;
    this.maxPageSize = options.maxPageSize ?? null;
    this.offsetCutoff = options.offsetCutoff ?? 1000;
  }

  getPageSize(request: RestRequest): number | null {
    if (this.pageSizeQueryParam) {
      const chosen = positiveInt(queryParam(request, this.pageSizeQueryParam), true, this.maxPageSize);
      if (chosen !== null) return chosen;
    }
    const size = this.pageSize === undefined ? request.settings.pageSize : this.pageSize;
    return size || null;
  }

  async paginate(request: RestRequest, queryset: QuerySet<any>, view?: GenericAPIView): Promise<CursorPage | null> {
    const pageSize = this.getPageSize(request);
    if (pageSize === null) return null;
    const ordering = this.getOrdering(request, view);
    const cursor = this.decodeCursor(request);
    const { offset, reverse, position } = cursor ?? { offset: 0, reverse: false, position: null };
    queryset = queryset.orderBy(...(reverse ? ordering.map(flip) : ordering));
    if (position !== null) {
      const order = ordering[0] as string;
      const descending = order.startsWith("-");
      const attr = order.replace(/^-/, "");
      const value = this.#positionValue(queryset, attr, position);
      queryset = queryset.filter({ [`${attr}__${reverse !== descending ? "lt" : "gt"}`]: value });
    }
    // One extra row says whether a page follows.
    const results = (await queryset.slice(offset, offset + pageSize + 1)) as object[];
    let items = results.slice(0, pageSize);
    const following = results.length > items.length ? this.#position(results[results.length - 1] as object, ordering) : null;
    let hasNext: boolean;
    let hasPrevious: boolean;
    let nextPosition: string | null = null;
    let previousPosition: string | null = null;
    if (reverse) {
      items = items.reverse();
      hasNext = position !== null || offset > 0;
      hasPrevious = following !== null;
      if (hasNext) nextPosition = position;
      if (hasPrevious) previousPosition = following;
    } else {
      hasNext = following !== null;
      hasPrevious = position !== null || offset > 0;
      if (hasNext) nextPosition = following;
      if (hasPrevious) previousPosition = position;
    }
    return { items, pageSize, ordering, cursor, hasNext, hasPrevious, nextPosition, previousPosition, baseUrl: absoluteUrl(request) };
  }

  /**
   * DRF's `get_ordering`: with an `OrderingFilter` among the view's backends, the client's
   * `?ordering=` (allowed fields only, no `__` paths), else this paginator's `ordering`.
   */
  getOrdering(request: RestRequest, view?: GenericAPIView): readonly string[] {
    if (!view || !view.getFilterBackends().includes(OrderingFilter)) return this.ordering;
    const raw = queryParam(request, "ordering");
    if (!raw) return this.ordering;
    const allowed = new Set(orderableFields(view));
    const fields = new Set(view.model.meta.fields.map((f) => f.name).concat("pk"));
    const terms = raw.split(",").map((t) => t.trim())
      .filter((t) => t !== "" && !t.includes("__") && fields.has(t.replace(/^-/, "")) && allowed.has(t.replace(/^-/, "")));
    return terms.length ? terms : this.ordering;
  }

  response(_request: RestRequest, page: CursorPage, data: unknown[]): RestResponse {
    return new RestResponse({ next: this.getNextLink(page), previous: this.getPreviousLink(page), results: data });
  }

  /**
   * DRF's walk from a page's edge (`items` from that edge inwards): how many items share the
   * position `compare` (the cursor's offset), and the first position that differs (`unique`).
   */
  #edge(items: readonly object[], compare: string | null, ordering: readonly string[]): { offset: number; position: string | null; unique: boolean } {
    let offset = 0;
    let position: string | null = null;
    for (const item of items) {
      position = this.#position(item, ordering);
      if (position !== compare) return { offset, position, unique: true };
      compare = position;
      offset += 1;
    }
    return { offset, position, unique: false };
  }

  getNextLink(page: CursorPage): string | null {
    if (!page.hasNext) return null;
    const { items, cursor } = page;
    const compare = items.length && cursor?.reverse && cursor.offset !== 0 ? this.#position(items[items.length - 1] as object, page.ordering) : page.nextPosition;
    const edge = this.#edge([...items].reverse(), compare, page.ordering);
    let { offset, position } = edge;
    const { unique } = edge;
    if (items.length && !unique) {
      if (!page.hasPrevious) [offset, position] = [page.pageSize, null];
      else if (cursor?.reverse) [offset, position] = [0, page.previousPosition];
      else [offset, position] = [(cursor?.offset ?? 0) + page.pageSize, page.previousPosition];
    }
    if (!items.length) position = page.nextPosition;
    return this.encodeCursor(page.baseUrl, { offset, reverse: false, position });
  }

  getPreviousLink(page: CursorPage): string | null {
    if (!page.hasPrevious) return null;
    const { items, cursor } = page;
    const compare = items.length && cursor && !cursor.reverse && cursor.offset !== 0 ? this.#position(items[0] as object, page.ordering) : page.previousPosition;
    const edge = this.#edge(items, compare, page.ordering);
    let { offset, position } = edge;
    const { unique } = edge;
    if (items.length && !unique) {
      if (!page.hasNext) [offset, position] = [page.pageSize, null];
      else if (cursor?.reverse) [offset, position] = [(cursor.offset ?? 0) + page.pageSize, page.nextPosition];
      else [offset, position] = [0, page.nextPosition];
    }
    if (!items.length) position = page.previousPosition;
    return this.encodeCursor(page.baseUrl, { offset, reverse: true, position });
  }

  /** DRF's `decode_cursor`: base64 of `o=<offset>&r=1&p=<position>`; anything else is a 404. */
  decodeCursor(request: RestRequest): Cursor | null {
    const encoded = queryParam(request, this.cursorQueryParam);
    if (encoded === null) return null;
    const invalid = () => new NotFound(this.invalidCursorMessage);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 === 1) throw invalid();
    const decoded = Buffer.from(encoded, "base64").toString("latin1");
    // DRF decodes the bytes as ASCII: anything else is an invalid cursor.
    for (let i = 0; i < decoded.length; i++) if (decoded.charCodeAt(i) > 0x7f) throw invalid();
    const tokens = new URLSearchParams(decoded);
    const offset = positiveInt(tokens.get("o") ?? "0", false, this.offsetCutoff);
    const reverse = tokens.get("r") ?? "0";
    if (offset === null || !/^\s*[+-]?\d+\s*$/.test(reverse)) throw invalid();
    return { offset, reverse: Number(reverse) !== 0, position: tokens.get("p") };
  }

  /** DRF's `encode_cursor`. */
  encodeCursor(baseUrl: string, cursor: Cursor): string {
    const tokens = new URLSearchParams();
    if (cursor.offset !== 0) tokens.set("o", String(cursor.offset));
    if (cursor.reverse) tokens.set("r", "1");
    if (cursor.position !== null) tokens.set("p", cursor.position);
    const encoded = Buffer.from(tokens.toString(), "utf8").toString("base64");
    return withQueryParam(baseUrl, this.cursorQueryParam, encoded);
  }

  /** The first ordering field's value as text (DRF's `_get_position_from_instance`). */
  #position(instance: object, ordering: readonly string[]): string {
    const attr = (ordering[0] as string).replace(/^-/, "");
    const value = (instance as Record<string, unknown>)[attr];
    // Datetimes keep their microseconds: a millisecond position would repeat or skip rows.
    return value instanceof Date ? formatDateTimeIso(value) : String(value);
  }

  /** A position read back from a cursor, in the field's type; a tampered one is an invalid cursor. */
  #positionValue(queryset: QuerySet<any>, attr: string, position: string): unknown {
    const field = attr === "pk" ? queryset.options.pk : queryset.options.findField(attr);
    try {
      const value = field && "toJs" in field ? (field as { toJs(v: unknown): unknown }).toJs(position) : position;
      if (value === null || (typeof value === "number" && !Number.isFinite(value)) || (value instanceof Date && Number.isNaN(value.getTime()))) throw new Error();
      return value;
    } catch {
      throw new NotFound(this.invalidCursorMessage);
    }
  }

  getPaginatedResponseSchema(schema: Record<string, unknown>): Record<string, unknown> {
    return {
      type: "object",
      required: ["results"],
      properties: {
        next: linkSchema("http://api.example.org/accounts/?cursor=cD00ODY%3D\""),
        previous: linkSchema("http://api.example.org/accounts/?cursor=cj0xJnA9NDg3"),
        results: schema,
      },
    };
  }

  getSchemaOperationParameters(): Record<string, unknown>[] {
    const parameters = [queryParameter(this.cursorQueryParam, "The pagination cursor value.", "string")];
    if (this.pageSizeQueryParam) parameters.push(queryParameter(this.pageSizeQueryParam, PAGE_SIZE_DESCRIPTION, "integer"));
    return parameters;
  }
}

/** DRF's `_reverse_ordering`. */
function flip(term: string): string {
  return term.startsWith("-") ? term.slice(1) : `-${term}`;
}
