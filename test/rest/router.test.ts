import { describe, expect, it } from "vitest";
import { NoReverseMatch, Router } from "../../src/rest/index.js";

function table(): Router<string> {
  const router = new Router<string>();
  router.add({ pattern: "", name: "api-root", view: "root" });
  router.add({ pattern: "rest/v1/polls/question/", name: "polls_question-list", view: "list" });
  router.add({ pattern: "rest/v1/polls/question/<pk>/", name: "polls_question-detail", view: "detail" });
  router.add({ pattern: "rest/v1/polls/question/<pk>/choices/", name: "polls_question-choices-list", view: "choices" });
  router.add({ pattern: "rest/v1/polls/question/latest/", name: "polls_question-latest", view: "latest" });
  router.add({
    pattern: "rest/v1/edu/student/<pk>/course_set/<int:child>/",
    name: "edu_student-student-course_set-detail",
    view: "m2m-detail",
  });
  router.add({
    pattern: "rest/v1/edu/student/<pk>/course_set/",
    name: "edu_student-student-course_set-list",
    view: "m2m-list",
  });
  return router;
}

describe("Router.match", () => {
  const router = table();
  const view = (path: string) => router.match(path)?.route.view ?? null;

  it("matches with and without the trailing slash", () => {
    expect(view("/rest/v1/polls/question/")).toBe("list");
    expect(view("/rest/v1/polls/question")).toBe("list");
    expect(view("/rest/v1/polls/question/7")).toBe("detail");
    expect(router.match("/rest/v1/polls/question/7/")?.params).toEqual({ pk: "7" });
  });

  it("matches the root only for / (and an empty path is not a path)", () => {
    expect(view("/")).toBe("root");
    expect(view("")).toBeNull();
  });

  it("prefers static segments over parameters, and backtracks", () => {
    expect(view("/rest/v1/polls/question/latest/")).toBe("latest");
    expect(router.match("/rest/v1/polls/question/latest/choices/")?.params).toEqual({ pk: "latest" });
  });

  it("checks converters and decodes parameters", () => {
    expect(router.match("/rest/v1/edu/student/1/course_set/2/")?.params).toEqual({ pk: "1", child: "2" });
    expect(view("/rest/v1/edu/student/1/course_set/x/")).toBeNull();
    expect(router.match("/rest/v1/polls/question/a%20b/")?.params).toEqual({ pk: "a b" });
    expect(view("/rest/v1/polls/question/%E0%A4%A/")).toBeNull();
  });

  it("does not match unknown, longer, doubled-slash or relative paths", () => {
    expect(view("/rest/v1/polls/")).toBeNull();
    expect(view("/rest/v1/polls/question/1/2/")).toBeNull();
    expect(view("/rest/v1//polls/question/")).toBeNull();
    expect(view("rest/v1/polls/question/")).toBeNull();
    expect(view("/rest/v1/polls/question//")).toBeNull();
  });

  it("keeps the table as data", () => {
    expect(router.routes.map((r) => r.name)).toContain("edu_student-student-course_set-list");
    expect(router.routes).toHaveLength(7);
  });

  it("refuses duplicate patterns, names and bad segments", () => {
    expect(() => router.add({ pattern: "/rest/v1/polls/question/<pk>", view: "again" })).toThrow(/duplicates/);
    expect(() => router.add({ pattern: "x/", name: "api-root", view: "x" })).toThrow(/used twice/);
    expect(() => router.add({ pattern: "x/<float:n>/", view: "x" })).toThrow(/Choices are: str, int, slug, uuid/);
    expect(() => router.add({ pattern: "x/a<b>/", view: "x" })).toThrow(/Bad route segment/);
  });
});

describe("Router.reverse", () => {
  const router = table();

  it("builds paths from names and parameters", () => {
    expect(router.reverse("api-root")).toBe("/");
    expect(router.reverse("polls_question-list")).toBe("/rest/v1/polls/question/");
    expect(router.reverse("polls_question-detail", { pk: 1 })).toBe("/rest/v1/polls/question/1/");
    expect(router.reverse("edu_student-student-course_set-list", { pk: 3 })).toBe("/rest/v1/edu/student/3/course_set/");
    expect(router.reverse("polls_question-detail", { pk: "a b" })).toBe("/rest/v1/polls/question/a%20b/");
    expect(() => router.reverse("polls_question-detail", { pk: "a/b" })).toThrow(NoReverseMatch);
  });

  it("round-trips through match", () => {
    const path = router.reverse("edu_student-student-course_set-detail", { pk: "9", child: 4 });
    expect(router.match(path)?.route.name).toBe("edu_student-student-course_set-detail");
    expect(router.match(path)?.params).toEqual({ pk: "9", child: "4" });
  });

  it("says what is wrong when it cannot", () => {
    expect(() => router.reverse("nope")).toThrow(NoReverseMatch);
    expect(() => router.reverse("nope")).toThrow(/Route names are: api-root, polls_question-list/);
    expect(() => router.reverse("polls_question-detail")).toThrow(/needs str parameter "pk"/);
    expect(() => router.reverse("edu_student-student-course_set-detail", { pk: 1, child: "x" })).toThrow(
      /needs int parameter "child", got "x"/,
    );
  });
});
