// The recorded quickstart suite replayed with PageNumberPagination and PAGE_SIZE = 2 app-wide.
// Every recorded list answer is turned into the page DRF would give (count, next, previous,
// results; links built by DRF's replace_query_param / remove_query_param), and every page of
// each list is walked, with `?page=last` and DRF's `Invalid page.` for pages that do not exist.
// The expectations come from the recorded unpaginated answers and DRF's rules, never from torest.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageNumberPagination, restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { models } from "./fixtures/quickstart-models.js";
import { conformanceDir } from "./fixtures/replay.js";
import { listen } from "./fixtures/server.js";

useTestDatabase(models);

interface Step {
  name: string;
  method: string;
  path: string;
  expect: { status: number; body?: unknown; ignore_paths?: string[] };
}
interface Reply {
  status: number;
  body: unknown;
}
interface ReplayModule {
  buildRequest(step: Step, opts: object): { method: string; path: string; headers: Record<string, string>; body?: string };
  send(baseUrl: string, request: object): Promise<Reply>;
  checkStep(step: Step, reply: Reply, ctx: object): string[];
}

const PAGE_SIZE = 2;
const suite = JSON.parse(readFileSync(path.join(conformanceDir, "quickstart.json"), "utf8")) as { prefix: string; steps: Step[] };

/** Python's quote_plus. */
const quotePlus = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, "+");

/** DRF's replace_query_param (value) / remove_query_param (null): parse_qs, set, urlencode(sorted). */
function pageUrl(url: string, page: number | null): string {
  const [base, query = ""] = url.split("?") as [string, string?];
  const params = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(query)) params.set(k, [...(params.get(k) ?? []), v]);
  if (page === null) params.delete("page");
  else params.set("page", [String(page)]);
  const encoded = [...params.keys()].sort().flatMap((k) => params.get(k)!.map((v) => `${quotePlus(k)}=${quotePlus(v)}`));
  return encoded.length ? `${base}?${encoded.join("&")}` : base;
}

/** The page DRF's PageNumberPagination answers for `all` (Django's Paginator: an empty list has page 1). */
function expectedPage(all: unknown[], url: string, page: number) {
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  return {
    count: all.length,
    next: page < pages ? pageUrl(url, page + 1) : null,
    previous: page > 1 ? pageUrl(url, page === 2 ? null : page - 1) : null,
    results: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
  };
}

const withPage = (p: string, page: string) => `${p}${p.includes("?") ? "&" : "?"}page=${page}`;

describe(dbName("conformance: quickstart.json paginated (PageNumberPagination, PAGE_SIZE = 2)"), () => {
  let server: Awaited<ReturnType<typeof listen>>;
  let replay: ReplayModule;
  beforeAll(async () => {
    replay = (await import(pathToFileURL(path.join(conformanceDir, "replay.mjs")).href)) as ReplayModule;
    server = await listen(restifyApp("rest/v1", { settings: { pagination: new PageNumberPagination(), pageSize: PAGE_SIZE } }));
  });
  afterAll(() => server.close());

  it("answers every recorded step as DRF paginates it, and walks every page of every list", async () => {
    const origin = new URL(server.url).origin;
    const ctx = { origin, suitePrefix: suite.prefix, keyOrder: true, checkHeaders: false, suiteRules: {} };
    const problems: string[] = [];
    let lists = 0;
    for (const [i, step] of suite.steps.entries()) {
      const all = step.expect.body;
      const isList = Array.isArray(all) && step.expect.status === 200;
      const paged = isList ? { ...step, expect: { ...step.expect, body: expectedPage(all, `{ORIGIN}${step.path}`, 1) } } : step;
      const request = replay.buildRequest(paged, { suitePrefix: suite.prefix });
      const reply = await replay.send(server.url, request);
      for (const p of replay.checkStep(paged, reply, ctx)) problems.push(`#${i + 1} ${step.method} ${step.path}: ${p}`);
      if (!isList || step.method !== "GET") continue;
      lists += 1;
      // Every further page, the `last` alias, and pages that do not exist.
      const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
      const checks: [string, number, unknown][] = [];
      for (let page = 2; page <= pages; page++) checks.push([String(page), 200, expectedPage(all, `${origin}${step.path}`, page)]);
      checks.push(["last", 200, { ...expectedPage(all, `${origin}${step.path}`, pages) }]);
      for (const bad of [String(pages + 1), "0", "-1", "abc", "1.5"]) checks.push([bad, 404, { detail: "Invalid page." }]);
      for (const [page, status, body] of checks) {
        const url = withPage(step.path, page);
        const got = await replay.send(server.url, replay.buildRequest({ ...step, path: url }, { suitePrefix: suite.prefix }));
        // `?page=last` links are built from the request URL, which names page=last.
        const want = page === "last" ? expectedPage(all, `${origin}${url}`, pages) : body;
        if (got.status !== status) problems.push(`${url}: status ${got.status}, expected ${status}`);
        try {
          expect(got.body).toEqual(want);
          expect(Object.keys(got.body as object)).toEqual(Object.keys(want as object));
        } catch (error) {
          problems.push(`${url}: ${(error as Error).message.split("\n")[0]}`);
        }
      }
    }
    expect(lists).toBe(27);
    expect(problems).toEqual([]);
  }, 60_000);
});
