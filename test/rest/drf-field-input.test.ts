/**
 * DRF's field validation through real HTTP (issue 16, issue 10 items 3-4): tests/test_fields.py,
 * test_metadata.py, test_pagination.py and utils/urls.py `replace_query_param`, on every backend.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CASCADE, CharField, DateField, DateTimeField, EmailField, ForeignKey, JSONField, Model, PositiveIntegerField, SlugField, URLField,
  type Manager,
} from "torest";
import { LimitOffsetPagination, restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { listen } from "./fixtures/server.js";

class Code extends Model("drf", {
  code: CharField({ maxLength: 10, primaryKey: true }),
}) {
  declare static objects: Manager<Code>;
}

class Entry extends Model("drf", {
  name: CharField({ maxLength: 20, blank: true }),
  slug: SlugField({ blank: true }),
  email: EmailField({ blank: true }),
  link: URLField({ blank: true }),
  data: JSONField({ null: true }),
  count: PositiveIntegerField({ default: 0 }),
  day: DateField({ null: true }),
  at: DateTimeField({ null: true }),
  code: ForeignKey(() => Code, { onDelete: CASCADE, null: true }),
}) {
  declare static objects: Manager<Entry>;
}

useTestDatabase([Code, Entry]);

let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  server = await listen(restifyApp("api", { only: true, models: [Code, Entry], pagination: new LimitOffsetPagination() }));
  await Code.objects.create({ code: "ab" });
});
afterAll(() => server.close());

const LIST = "/api/drf/entry/";

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; data: any }> {
  const res = await fetch(server.url + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, data: text ? JSON.parse(text) : null };
}

describe(dbName("NUL and surrogate characters (DRF's ProhibitNull/SurrogateCharactersValidator)"), () => {
  it("test_null_bytes: a NUL in a text field is 400 'Null characters are not allowed.' and nothing is stored", async () => {
    for (const name of ["a\0b", "\0"]) {
      const res = await call("POST", LIST, { name });
      expect(res).toEqual({ status: 400, data: { name: ["Null characters are not allowed."] } });
    }
    // DRF runs every validator: both failures are listed, in DRF's order.
    expect((await call("POST", LIST, { slug: "x\0" })).data).toEqual({
      slug: ["Null characters are not allowed.", 'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'],
    });
    expect((await call("POST", LIST, { email: "a\0@example.com" })).data).toEqual({
      email: ["Null characters are not allowed.", "Enter a valid email address."],
    });
    expect(await Entry.objects.count()).toBe(0);
  });

  it("test_surrogate_characters: a lone surrogate is 400 'Surrogate characters are not allowed: U+D800.'", async () => {
    expect(await call("POST", LIST, { name: "a\ud800" })).toEqual({ status: 400, data: { name: ["Surrogate characters are not allowed: U+D800."] } });
    expect(await call("POST", LIST, { name: "\udfff" })).toEqual({ status: 400, data: { name: ["Surrogate characters are not allowed: U+DFFF."] } });
    // A surrogate pair is one real character (an emoji) and is fine.
    const ok = await call("POST", LIST, { name: "smile \ud83d\ude00" });
    expect([ok.status, ok.data.name]).toEqual([201, "smile \ud83d\ude00"]);
    await Entry.objects.all().delete();
  });

  it("test_json_null_characters: a NUL or lone surrogate inside a JSONField value or key is 400, never a 500", async () => {
    for (const data of [{ a: "x\0" }, { "k\0": 1 }, ["\ud800"]]) {
      const res = await call("POST", LIST, { data });
      expect(res.status).toBe(400);
      expect(res.data.data[0]).toMatch(/^(Null characters are not allowed\.|Surrogate characters are not allowed: U\+D800\.)$/);
    }
    expect(await Entry.objects.count()).toBe(0);
  });

  it("test_filter_null_characters: a NUL in a filter value is django-filter's 400; in a search term it is stripped, as DRF", async () => {
    expect(await call("GET", `${LIST}?name=a%00b`)).toEqual({ status: 400, data: { name: ["Null characters are not allowed."] } });
    expect(await call("GET", `${LIST}?code=a%00b`)).toEqual({
      status: 400, data: { code: ["Select a valid choice. That choice is not one of the available choices."] },
    });
    const search = await call("GET", `${LIST}?search=%00`);
    expect(search.status).toBe(200);
  });

  it("test_key_null_characters: a NUL in a key (URL or related field) names no object: 404 / does_not_exist", async () => {
    expect((await call("GET", "/api/drf/code/a%00b/")).status).toBe(404);
    expect(await call("POST", LIST, { code: "a\0b" })).toEqual({ status: 400, data: { code: ['Invalid pk "a\0b" - object does not exist.'] } });
    expect(await Entry.objects.count()).toBe(0);
  });
});

describe(dbName("DRF's IntegerField, DateField, DateTimeField and SlugField"), () => {
  it("test_integer_of_any_size_meets_the_bounds: '9223372036854775808' gets max_value with the column's bound", async () => {
    expect(await call("POST", LIST, { count: "9223372036854775808" })).toEqual({
      status: 400, data: { count: ["Ensure this value is less than or equal to 2147483647."] },
    });
    expect(await call("POST", LIST, { count: "-99999999999999999999" })).toEqual({
      status: 400, data: { count: ["Ensure this value is greater than or equal to 0."] },
    });
  });

  it("TestDateField: a datetime string or surrounding whitespace is the format error; parse_date takes 2000-2-9", async () => {
    const format = ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."];
    for (const day of ["2001-01-01T12:00:00", " 2001-01-01", "2001-01-01 ", "2001-99-99", "2001-01", "abc"]) {
      expect(await call("POST", LIST, { day })).toEqual({ status: 400, data: { day: format } });
    }
    const res = await call("POST", LIST, { day: "2000-2-9" });
    expect([res.status, res.data.day]).toEqual([201, "2000-02-09"]);
  });

  it("TestDateTimeField: an offset of 24 hours is a format error; leaving years 1-9999 is 'Datetime value out of range.'", async () => {
    const format = ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."];
    expect(await call("POST", LIST, { at: "2001-01-01T00:00:00+24:00" })).toEqual({ status: 400, data: { at: format } });
    const edge = await call("POST", LIST, { at: "2001-01-01T00:00:00+23:59" });
    expect([edge.status, edge.data.at]).toEqual([201, "2000-12-31T00:01:00Z"]);
    for (const at of ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"]) {
      expect(await call("POST", LIST, { at })).toEqual({ status: 400, data: { at: ["Datetime value out of range."] } });
    }
  });

  it("TestSlugField: DRF's message, with straight quotes", async () => {
    expect(await call("POST", LIST, { slug: "not a slug" })).toEqual({
      status: 400, data: { slug: ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'] },
    });
  });
});

describe(dbName("years 0001-0099 round-trip (Date.UTC reads them as 1900-1999)"), () => {
  it("test_years_1_to_99_round_trip_through_rest", async () => {
    for (const [day, at] of [["0001-01-01", "0001-01-01T00:00:00Z"], ["0099-12-31", "0099-12-31T23:59:59.999999Z"], ["0004-02-29", "0050-06-15T12:30:00.5Z"]]) {
      const created = await call("POST", LIST, { day, at });
      expect([created.status, created.data.day, created.data.at]).toEqual([201, day, at!.replace(".5Z", ".500000Z")]);
      const read = await call("GET", `${LIST}${created.data.id}/`);
      expect([read.data.day, read.data.at]).toEqual([created.data.day, created.data.at]);
      const filtered = await call("GET", `${LIST}?day=${day}`);
      expect(filtered.data.map((r: { id: number }) => r.id)).toContain(created.data.id);
    }
  });

  it("test_years_1_to_99_round_trip_through_the_orm", async () => {
    const at = new Date("0007-03-04T05:06:07Z");
    expect(at.getUTCFullYear()).toBe(7);
    const entry = await Entry.objects.create({ day: "0012-11-30", at });
    const fresh = await Entry.objects.get({ pk: entry.id });
    expect([fresh.day, fresh.at!.toISOString()]).toEqual(["0012-11-30", "0007-03-04T05:06:07.000Z"]);
    expect(await Entry.objects.filter({ at, day: "0012-11-30" }).count()).toBe(1);
    expect(await Entry.objects.filter({ at__year: 7, day__year: 12 }).count()).toBe(1);
    const extremes = await Entry.objects.create({ day: "9999-12-31", at: new Date("9999-12-31T23:59:59.999Z") });
    const back = await Entry.objects.get({ pk: extremes.id });
    expect([back.day, back.at!.toISOString()]).toEqual(["9999-12-31", "9999-12-31T23:59:59.999Z"]);
  });
});

describe(dbName("OPTIONS metadata and pagination links (DRF's SimpleMetadata, replace_query_param)"), () => {
  it("test_metadata_types: email, url, slug, field for JSONField; PositiveIntegerField shows both bounds", async () => {
    const post = (await call("OPTIONS", LIST)).data.actions.POST;
    expect([post.email.type, post.link.type, post.slug.type, post.data.type, post.name.type]).toEqual(["email", "url", "slug", "field", "string"]);
    expect(post.count).toEqual({ type: "integer", required: false, read_only: false, label: "Count", max_value: 2147483647, min_value: 0 });
  });

  it("test_replace_query_param: pagination links list their parameters sorted by name", async () => {
    await Entry.objects.all().delete();
    for (let i = 0; i < 20; i++) await Entry.objects.create({ count: i });
    const res = await call("GET", `${LIST}?ordering=-count&offset=10&limit=5`);
    expect(res.data.next).toBe(`${server.url}${LIST}?limit=5&offset=15&ordering=-count`);
    expect(res.data.previous).toBe(`${server.url}${LIST}?limit=5&offset=5&ordering=-count`);
    const first = await call("GET", `${LIST}?offset=5&limit=5&ordering=-count`);
    expect(first.data.previous).toBe(`${server.url}${LIST}?limit=5&ordering=-count`);
    expect(res.data.results.map((r: { count: number }) => r.count)).toEqual([9, 8, 7, 6, 5]);
  });
});
