import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuerySet } from "torest";
import {
  BooleanFilter,
  CharFilter,
  ChoiceFilter,
  DateFilter,
  FilterSet,
  NumberFilter,
  restifyApp,
} from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { serveHttp, type HttpClient } from "./fixtures/http-client.js";
import { Book, Review, models } from "./fixtures/library-models.js";

useTestDatabase(models);

/** django-filter's FilterSet: Meta.fields with lookups, declared filters, a method filter. */
class BookFilter extends FilterSet {
  static override Meta = { model: Book, fields: { year: ["exact", "gte", "in", "range"], published: ["year__gt", "isnull"] } };
  title = new CharFilter({ lookupExpr: "icontains" });
  max_year = new NumberFilter({ fieldName: "year", lookupExpr: "lte" });
  not_title = new CharFilter({ fieldName: "title", exclude: true });
  after = new DateFilter({ fieldName: "published", lookupExpr: "gt" });
  era = new ChoiceFilter({ fieldName: "year", choices: [[1965, "sixties"], [2020, "now"]] });
  reviewed = new BooleanFilter({ method: "filterReviewed" });

  filterReviewed(queryset: QuerySet<any>, _name: string, value: unknown) {
    const reviewed = Review.objects.values("book");
    return value ? queryset.filter({ pk__in: reviewed }) : queryset.exclude({ pk__in: reviewed });
  }
}

const titles = (data: { title: string }[]) => data.map((b) => b.title);

describe(dbName("filtering: FilterSet classes, search prefixes, ordering '__all__', default view ordering"), () => {
  let http: HttpClient;
  beforeAll(async () => {
    http = await serveHttp(restifyApp("api", {
      only: true,
      models: [
        [Book, {
          // The FilterSet wins over filtersetFields, as in the original.
          filtersetFields: ["title"],
          customViewParams: { filtersetClass: BookFilter, ordering: ["-year"] },
          searchFields: ["^title", "=year"],
          orderingFields: "__all__",
        }],
        [Review, { searchFields: ["$text", "@text"] }],
      ],
    }));
    const dune = await Book.objects.create({ title: "Dune", year: 1965, published: "1965-08-01" });
    await Book.objects.create({ title: "Dune Messiah", year: 1969, published: "1969-10-15" });
    await Book.objects.create({ title: "Project Hail Mary", year: 2021, published: null });
    await Book.objects.create({ title: "Now", year: 2020, published: "2020-01-01" });
    await Review.objects.create({ book: dune, stars: 5, text: "Spice must flow" });
    await Review.objects.create({ book: dune, stars: 2, text: "too long (really)" });
  });
  afterAll(() => http.close());

  it("filters by Meta.fields lookups: exact, gte, in, range, a transform (year__gt) and isnull", async () => {
    expect(titles((await http.get("/api/library/book/?year=1969")).data)).toEqual(["Dune Messiah"]);
    expect(titles((await http.get("/api/library/book/?year__gte=2000")).data)).toEqual(["Project Hail Mary", "Now"]);
    expect(titles((await http.get("/api/library/book/?year__in=1965,2020")).data)).toEqual(["Now", "Dune"]);
    expect(titles((await http.get("/api/library/book/?year__range=1960,1970")).data)).toEqual(["Dune Messiah", "Dune"]);
    expect(titles((await http.get("/api/library/book/?published__year__gt=1966")).data)).toEqual(["Now", "Dune Messiah"]);
    expect(titles((await http.get("/api/library/book/?published__isnull=true")).data)).toEqual(["Project Hail Mary"]);
  });

  it("applies declared filters with lookupExpr, exclude, choices, dates and a method", async () => {
    expect(titles((await http.get("/api/library/book/?title=dune")).data)).toEqual(["Dune Messiah", "Dune"]);
    expect(titles((await http.get("/api/library/book/?max_year=1966")).data)).toEqual(["Dune"]);
    expect(titles((await http.get("/api/library/book/?not_title=Now")).data)).toEqual(["Project Hail Mary", "Dune Messiah", "Dune"]);
    expect(titles((await http.get("/api/library/book/?after=1969-01-01")).data)).toEqual(["Now", "Dune Messiah"]);
    expect(titles((await http.get("/api/library/book/?era=2020")).data)).toEqual(["Now"]);
    expect(titles((await http.get("/api/library/book/?reviewed=true")).data)).toEqual(["Dune"]);
    expect(titles((await http.get("/api/library/book/?reviewed=False")).data)).toHaveLength(3);
    // django-filter's BooleanWidget ignores what it cannot read.
    expect((await http.get("/api/library/book/?reviewed=maybe")).data).toHaveLength(4);
  });

  it("answers 400 with django-filter's messages for every invalid parameter at once", async () => {
    const bad = await http.get("/api/library/book/?year__gte=abc&after=yesterday&era=1999&year__range=1&published__year__gt=x");
    expect(bad.status).toBe(400);
    expect(bad.data).toEqual({
      year__gte: ["Enter a number."],
      year__range: ["Range query expects two values."],
      published__year__gt: ["Enter a number."],
      after: ["Enter a valid date."],
      era: ["Select a valid choice. 1999 is not one of the available choices."],
    });
  });

  it("searches with DRF's prefixes: ^ starts with, = exact, $ regex, @ full text", async () => {
    expect(titles((await http.get("/api/library/book/?search=mess")).data)).toEqual([]);
    expect(titles((await http.get("/api/library/book/?search=proj")).data)).toEqual(["Project Hail Mary"]);
    expect(titles((await http.get("/api/library/book/?search=2020")).data)).toEqual(["Now"]);
    expect((await http.get("/api/library/review/?search=^spice")).data.map((r: { stars: number }) => r.stars)).toEqual([5]);
    expect((await http.get("/api/library/review/?search=flow")).data).toHaveLength(1);
    // A term that is no regular expression matches nothing, never a server error.
    const broken = await http.get("/api/library/review/?search=(unclosed");
    expect(broken.status).toBe(200);
    expect(broken.data).toEqual([]);
  });

  it("orders by the view's default ordering, and by any model field with orderingFields '__all__'", async () => {
    expect(titles((await http.get("/api/library/book/")).data)).toEqual(["Project Hail Mary", "Now", "Dune Messiah", "Dune"]);
    expect(titles((await http.get("/api/library/book/?ordering=title")).data)).toEqual(["Dune", "Dune Messiah", "Now", "Project Hail Mary"]);
    expect(titles((await http.get("/api/library/book/?ordering=year,-pk")).data)).toEqual(["Dune", "Dune Messiah", "Now", "Project Hail Mary"]);
    expect(titles((await http.get("/api/library/book/?ordering=-pk")).data)).toEqual(["Now", "Project Hail Mary", "Dune Messiah", "Dune"]);
  });
});
