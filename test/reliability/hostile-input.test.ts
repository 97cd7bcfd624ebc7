// Issue 10's defects 2, 6, 7 and 8, each through a real server on port 0: what a hostile client
// sends gets a 4xx in DRF's shape, changes nothing, and costs the server little.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnonRateThrottle, LimitOffsetPagination, restifyApp, type Logger } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { abortMidBody, rawRequest } from "../support/raw-http.js";
import { Choice, Question, models } from "../rest/fixtures/quickstart-models.js";
import { listen } from "../rest/fixtures/server.js";

useTestDatabase(models);

const debug: string[] = [];
const errors: unknown[] = [];
const logger: Logger = { error: (_message, error) => errors.push(error), debug: (message) => debug.push(message) };

type Server = Awaited<ReturnType<typeof listen>>;
let server: Server;
let capped: Server;

beforeAll(async () => {
  server = await listen(restifyApp("rest/v1", { only: true, models, pagination: new LimitOffsetPagination({ defaultLimit: 2 }), settings: { logger } }));
  capped = await listen(restifyApp("rest/v1", { only: true, models, pagination: new LimitOffsetPagination({ defaultLimit: 2, maxLimit: 3 }), settings: { logger } }));
  const question = await Question.objects.create({ question_text: "Q", pub_date: new Date("2024-01-01T00:00:00Z") });
  for (let i = 0; i < 5; i++) await Choice.objects.create({ question, choice_text: `c${i}`, votes: i });
});
afterAll(async () => {
  await server.close();
  await capped.close();
});

const get = async (base: Server, path: string) => {
  const res = await fetch(`${base.url}${path}`);
  return { status: res.status, body: (await res.json()) as { count: number; next: string | null; previous: string | null; results: unknown[] } };
};

describe(dbName("LimitOffsetPagination bounds (DRF's _positive_int)"), () => {
  it("applies the default limit to limits beyond 2^63, non-integers and zero", async () => {
    for (const limit of ["9223372036854775808", "1e3", "2.5", "-1", "0", "abc", "99999999999999999999999999999"]) {
      const { status, body } = await get(server, `/rest/v1/polls/choice/?limit=${limit}`);
      expect(status, limit).toBe(200);
      expect(body.results, limit).toHaveLength(2);
    }
  });

  it("cuts a huge limit to max_limit", async () => {
    const { status, body } = await get(capped, "/rest/v1/polls/choice/?limit=9223372036854775808");
    expect(status).toBe(200);
    expect(body.results).toHaveLength(3);
    expect(body.next).toMatch(/limit=3&offset=3$/);
  });

  it("treats an offset past any integer as 0 and never writes a float into the links", async () => {
    const { status, body } = await get(server, "/rest/v1/polls/choice/?offset=123456789012345678901234567890");
    expect(status).toBe(200);
    expect(body.previous).toBeNull();
    expect(body.next).toMatch(/[?&]offset=2(&|$)/);
    const far = await get(server, "/rest/v1/polls/choice/?limit=9007199254740991&offset=9007199254740990");
    expect(far.status).toBe(200);
    expect(far.body.results).toEqual([]);
    expect(new URL(far.body.previous as string).search).toBe("?limit=9007199254740991");
  });
});

const post = (base: Server, path: string, contentType: string, body: string) =>
  fetch(`${base.url}${path}`, { method: "POST", headers: { "content-type": contentType }, body });

describe(dbName("body structure limits (Django's DATA_UPLOAD_MAX_NUMBER_FIELDS and FILES)"), () => {
  it("refuses a form with more than 1000 fields with Django's TooManyFieldsSent message, creating nothing", async () => {
    const before = await Question.objects.count();
    const fields = Array.from({ length: 1001 }, (_, i) => `f${i}=x`).join("&");
    const res = await post(server, "/rest/v1/polls/question/", "application/x-www-form-urlencoded", `question_text=a&${fields}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ detail: "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS." });
    const ok = await post(server, "/rest/v1/polls/question/", "application/x-www-form-urlencoded", `question_text=a&pub_date=2024-01-01T00:00:00Z&${fields.split("&").slice(0, 998).join("&")}`);
    expect(ok.status).toBe(201);
    expect(await Question.objects.count()).toBe(before + 1);
  });

  it("refuses multipart bodies past 1000 fields or 100 files", async () => {
    const fields = new FormData();
    for (let i = 0; i < 1001; i++) fields.append(`f${i}`, "x");
    const many = await fetch(`${server.url}/rest/v1/polls/question/`, { method: "POST", body: fields });
    expect(many.status).toBe(400);
    expect(await many.json()).toEqual({ detail: "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS." });
    const files = new FormData();
    for (let i = 0; i < 101; i++) files.append(`f${i}`, new Blob(["x"]), `f${i}.txt`);
    const tooMany = await fetch(`${server.url}/rest/v1/polls/question/`, { method: "POST", body: files });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual({ detail: "The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES." });
  });

  it("refuses JSON nested deeper than 100 levels or with more than 50,000 values before parsing it", async () => {
    const deep = await post(server, "/rest/v1/polls/question/", "application/json", `${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`);
    expect(deep.status).toBe(400);
    expect(await deep.json()).toEqual({ detail: "JSON parse error - nesting deeper than 100 levels" });
    const wide = await post(server, "/rest/v1/polls/question/", "application/json", `[${"0,".repeat(60_000)}0]`);
    expect(wide.status).toBe(400);
    expect(await wide.json()).toEqual({ detail: "JSON parse error - more than 50000 values" });
    // Brackets and commas inside strings are text, not structure.
    const text = await post(server, "/rest/v1/polls/question/", "application/json", JSON.stringify({ question_text: "[[[,,,:::".repeat(20), pub_date: "2024-01-01T00:00:00Z" }));
    expect(text.status).toBe(201);
  });
});

describe(dbName("a client that disconnects mid-body"), () => {
  it("is logged at debug level, not as a server error, and the server keeps serving", async () => {
    const errorsBefore = errors.length;
    const head = `POST /rest/v1/polls/question/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
    for (let i = 0; i < 5; i++) await abortMidBody(server.url, head, '{"question_text": "par');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors.length).toBe(errorsBefore);
    expect(debug.filter((line) => /closed the connection/.test(line)).length).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${server.url}/rest/v1/polls/question/`)).status).toBe(200);
  });
});

describe(dbName("X-Forwarded-For and anonymous throttles"), () => {
  it("counts a client by its socket address whatever X-Forwarded-For it sends, unless numProxies is set", async () => {
    const throttled = await listen(restifyApp("rest/v1", { only: true, models, settings: { throttles: [AnonRateThrottle()], throttleRates: { anon: "5/min" } } }));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${throttled.url}/rest/v1/polls/question/`, { headers: { "x-forwarded-for": `10.0.${i}.1` } });
        statuses.push(res.status);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    } finally {
      await throttled.close();
    }
  });
});

describe(dbName("conditional requests: ETag, If-None-Match, If-Match"), () => {
  it("answers 304 to a GET whose If-None-Match names the current ETag, on a detail and a list", async () => {
    for (const path of ["/rest/v1/polls/question/1/", "/rest/v1/polls/choice/?limit=3"]) {
      const first = await fetch(`${server.url}${path}`);
      const etag = first.headers.get("etag");
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      const again = await fetch(`${server.url}${path}`, { headers: { "if-none-match": `W/${etag}` } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
      const other = await fetch(`${server.url}${path}`, { headers: { "if-none-match": '"stale"' } });
      expect(other.status).toBe(200);
    }
  });

  it("refuses a PUT, PATCH or DELETE with a stale If-Match with 412 and changes nothing", async () => {
    const url = `${server.url}/rest/v1/polls/choice/1/`;
    const etag = (await fetch(url)).headers.get("etag") as string;
    const patch = (body: unknown, ifMatch: string) =>
      fetch(url, { method: "PATCH", headers: { "content-type": "application/json", "if-match": ifMatch }, body: JSON.stringify(body) });
    const first = await patch({ votes: 41 }, etag);
    expect(first.status).toBe(200);
    const newTag = first.headers.get("etag");
    expect(newTag).not.toBe(etag);
    expect(newTag).toBe((await fetch(url)).headers.get("etag"));
    const lost = await patch({ votes: 7 }, etag);
    expect(lost.status).toBe(412);
    expect(await lost.json()).toEqual({ detail: "The object has changed since the ETag in If-Match was issued." });
    const stale = await fetch(url, { method: "DELETE", headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect(((await Choice.objects.get({ pk: 1 })) as unknown as { votes: number }).votes).toBe(41);
    expect((await patch({ votes: 42 }, `${newTag}, "other"`)).status).toBe(200);
    expect((await fetch(url, { method: "DELETE", headers: { "if-match": "*" } })).status).toBe(204);
  });
});

describe(dbName("raw requests"), () => {
  it("answers a truncated chunked body and an unknown method with a 4xx", async () => {
    const chunked = await rawRequest(server.url, "POST /rest/v1/polls/question/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n");
    expect(chunked.status).toBe(400);
    const odd = await rawRequest(server.url, "BREW /rest/v1/polls/question/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(odd.status).toBeGreaterThanOrEqual(400);
    expect(odd.status).toBeLessThan(500);
  });
});
