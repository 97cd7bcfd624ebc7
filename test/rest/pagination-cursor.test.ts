import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CursorPagination, restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { serveHttp, type HttpClient } from "./fixtures/http-client.js";
import { Choice, Question, models } from "./fixtures/quickstart-models.js";

useTestDatabase(models);

/** Follows `next` links from `path` and returns every page's texts. */
async function walk(http: HttpClient, path: string, key: string): Promise<string[][]> {
  const pages: string[][] = [];
  let url: string | null = path;
  while (url && pages.length < 20) {
    const reply = await http.get(url);
    expect(reply.status).toBe(200);
    pages.push(reply.data.results.map((r: Record<string, string>) => r[key]));
    url = reply.data.next ? new URL(reply.data.next as string).pathname + new URL(reply.data.next as string).search : null;
  }
  return pages;
}

describe(dbName("CursorPagination over datetimes, client ordering and equal positions"), () => {
  let http: HttpClient;
  beforeAll(async () => {
    http = await serveHttp(restifyApp("rest/v1", {
      only: true,
      models: [
        // DRF's usual set-up: newest first by a timestamp.
        [Question, { customViewParams: { pagination: new CursorPagination({ ordering: "-pub_date", pageSize: 2 }) } }],
        [Choice, { customViewParams: { pagination: new CursorPagination({ ordering: "votes", pageSize: 2 }) } }],
      ],
    }));
    // Microseconds apart: a millisecond position would repeat or skip rows.
    const base = Date.parse("2026-12-01T10:00:00Z");
    for (let i = 0; i < 5; i++) {
      await Question.objects.create({ question_text: `Q${i}`, pub_date: `2026-12-01T10:00:00.00010${i}Z` });
    }
    await Question.objects.create({ question_text: "Later", pub_date: new Date(base + 60_000) });
    const q = await Question.objects.get({ question_text: "Later" });
    // Equal positions: DRF's cursors step over them with an offset.
    for (const [text, votes] of [["a", 1], ["b", 1], ["c", 1], ["d", 2], ["e", 3]] as const) {
      await Choice.objects.create({ question: q, choice_text: text, votes });
    }
  });
  afterAll(() => http.close());

  it("walks a datetime ordering page by page, with microseconds, never repeating or skipping", async () => {
    const pages = await walk(http, "/rest/v1/polls/question/", "question_text");
    expect(pages).toEqual([["Later", "Q4"], ["Q3", "Q2"], ["Q1", "Q0"]]);
  });

  it("follows the client's ?ordering= when OrderingFilter is a backend, as DRF's get_ordering", async () => {
    const pages = await walk(http, "/rest/v1/polls/question/?ordering=question_text", "question_text");
    expect(pages.flat()).toEqual(["Later", "Q0", "Q1", "Q2", "Q3", "Q4"]);
    expect(pages).toHaveLength(3);
  });

  it("steps over equal positions with offsets, forwards and back", async () => {
    const forward = await walk(http, "/rest/v1/polls/choice/", "choice_text");
    expect(forward.flat()).toEqual(["a", "b", "c", "d", "e"]);
    const second = await http.get("/rest/v1/polls/choice/");
    const next = new URL(second.data.next as string);
    const page2 = await http.get(next.pathname + next.search);
    const back = new URL(page2.data.previous as string);
    const page1 = await http.get(back.pathname + back.search);
    // Back among equal positions DRF's algorithm gives two of the tied rows, in whatever order the
    // database returns ties (which is why DRF asks for a unique ordering).
    expect(page1.data.results.map((c: { votes: number }) => c.votes)).toEqual([1, 1]);
    expect(page1.data.previous).toBeNull();
  });
});
