import { beforeAll, describe, expect, it } from "vitest";
import { APIClient, LimitOffsetPagination, restifyApp, type RestHandler } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { models } from "./fixtures/relationships-models.js";

useTestDatabase(models);

describe(dbName("restifyApp: relations, names, permissions"), () => {
  let handler: RestHandler;
  let client: APIClient;
  beforeAll(() => {
    handler = restifyApp("rest/v1", { pagination: new LimitOffsetPagination() });
    client = new APIClient(handler);
  });

  it("names routes as django-to-rest does", () => {
    expect(handler.reverse("polls_question-list")).toBe("/rest/v1/polls/question/");
    expect(handler.reverse("polls_question-detail", { pk: 3 })).toBe("/rest/v1/polls/question/3/");
    expect(handler.reverse("polls_question-question-choices-list", { parent_pk: 1 })).toBe("/rest/v1/polls/question/1/choices/");
    expect(handler.reverse("edu_student-student-course_set-list", { parent_pk: 1 })).toBe("/rest/v1/edu/student/1/course_set/");
    expect(handler.reverse("edu_course-course-student-detail", { parent_pk: 1, pk: 2 })).toBe("/rest/v1/edu/course/1/student/2/");
    expect(handler.reverse("edu_student-student-friends-list", { parent_pk: 1 })).toBe("/rest/v1/edu/student/1/friends/");
  });

  it("renders many-to-many and reverse many-to-many as nested links", async () => {
    const s = await client.post("/rest/v1/edu/student/", { name: "Ann" });
    expect(s.status).toBe(201);
    expect(s.data).toEqual({ id: 1, name: "Ann", friends: "/rest/v1/edu/student/1/friends/", course_set: "/rest/v1/edu/student/1/course_set/" });
    expect(Object.keys(s.data)).toEqual(["id", "name", "course_set", "friends"]);  // reverse before forward many-to-many, as the original
    const c = await client.post("/rest/v1/edu/course/", { name: "Maths" });
    expect(c.data).toEqual({ id: 1, name: "Maths", student: "/rest/v1/edu/course/1/student/" });
  });

  it("creates, lists, updates and deletes through rows under one parent only", async () => {
    await client.post("/rest/v1/edu/student/", { name: "Bob" });
    await client.post("/rest/v1/edu/course/", { name: "Physics" });
    const created = await client.post("/rest/v1/edu/student/1/course_set/", { course: 1 });
    expect(created.status).toBe(201);
    expect(created.data).toEqual({ id: 1, course: 1, student: 1 });
    expect(created.headers.allow).toBe("GET, POST, HEAD, OPTIONS");

    const dup = await client.post("/rest/v1/edu/student/1/course_set/", { course: 1 });
    expect(dup.status).toBe(400);
    expect(dup.data).toEqual({ non_field_errors: ["The fields course, student must make a unique set."] });

    const other = await client.post("/rest/v1/edu/course/2/student/", { student: 2 });
    expect(other.data).toEqual({ id: 2, course: 2, student: 2 });

    expect((await client.get("/rest/v1/edu/student/1/course_set/")).data).toEqual([{ id: 1, course: 1, student: 1 }]);
    expect((await client.get("/rest/v1/edu/course/1/student/")).data).toEqual([{ id: 1, course: 1, student: 1 }]);
    // Row 2 belongs to student 2, not student 1.
    expect((await client.get("/rest/v1/edu/student/1/course_set/2/")).status).toBe(404);
    const row = await client.get("/rest/v1/edu/student/2/course_set/2/");
    expect(row.status).toBe(200);
    expect(row.headers.allow).toBe("GET, PUT, PATCH, DELETE, HEAD, OPTIONS");

    const moved = await client.patch("/rest/v1/edu/student/2/course_set/2/", { course: 1 });
    expect(moved.data).toEqual({ id: 2, course: 1, student: 2 });
    expect((await client.post("/rest/v1/edu/student/99/course_set/", { course: 1 })).status).toBe(404);
    expect((await client.get("/rest/v1/edu/student/abc/course_set/")).status).toBe(404);
    expect((await client.delete("/rest/v1/edu/student/1/course_set/2/")).status).toBe(404);
    expect((await client.delete("/rest/v1/edu/student/2/course_set/2/")).status).toBe(204);
    expect((await client.get("/rest/v1/edu/course/1/student/")).data).toEqual([{ id: 1, course: 1, student: 1 }]);
  });

  it("describes the through rows in OPTIONS, the parent key read-only, and answers HEAD", async () => {
    const options = await client.options("/rest/v1/edu/course/1/student/");
    expect(options.headers.allow).toBe("GET, POST, HEAD, OPTIONS");
    expect(options.data.actions.POST).toEqual({
      id: { type: "integer", required: false, read_only: true, label: "ID" },
      course: { type: "field", required: false, read_only: true, label: "Course" },
      student: { type: "field", required: true, read_only: false, label: "Student" },
    });
    const head = await client.head("/rest/v1/edu/course/1/student/");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect((await client.options("/rest/v1/polls/question/1/choices/")).data.actions).toBeUndefined();
  });

  it("keeps both directions of a symmetrical relation to self (friends)", async () => {
    const made = await client.post("/rest/v1/edu/student/1/friends/", { to_student: 2 });
    expect(made.status).toBe(201);
    expect(made.data).toEqual({ id: expect.any(Number), from_student: 1, to_student: 2 });
    const back = (await client.get("/rest/v1/edu/student/2/friends/")).data;
    expect(back).toEqual([{ id: expect.any(Number), from_student: 2, to_student: 1 }]);
    expect((await client.post("/rest/v1/edu/student/2/friends/", { to_student: 1 })).data).toEqual({
      non_field_errors: ["The fields from_student, to_student must make a unique set."],
    });
    await client.post("/rest/v1/edu/student/", { name: "Cat" });
    const moved = await client.patch(`/rest/v1/edu/student/1/friends/${made.data.id}/`, { to_student: 3 });
    expect(moved.data.to_student).toBe(3);
    expect((await client.get("/rest/v1/edu/student/2/friends/")).data).toEqual([]);
    expect((await client.get("/rest/v1/edu/student/3/friends/")).data.map((r: { to_student: number }) => r.to_student)).toEqual([1]);
    expect((await client.delete(`/rest/v1/edu/student/1/friends/${made.data.id}/`)).status).toBe(204);
    expect((await client.get("/rest/v1/edu/student/3/friends/")).data).toEqual([]);
    expect((await client.get("/rest/v1/edu/student/1/friends/")).data).toEqual([]);
  });

  it("guards CustomPermission models with Basic auth and model permissions", async () => {
    const anon = await client.get("/rest/v1/polls/question1/");
    expect(anon.status).toBe(401);
    expect(anon.headers["www-authenticate"]).toBe('Basic realm="api"');
    const nested = await client.get("/rest/v1/polls/question1/1/choices/");
    expect(nested.status).toBe(401);

    const staff = new APIClient(handler);
    staff.forceAuthenticate({ isAuthenticated: true, hasPerms: (perms) => perms.every((p) => p === "polls.view_question1" || p === "polls.add_question1") });
    expect((await staff.get("/rest/v1/polls/question1/")).data).toEqual([]);
    const created = await staff.post("/rest/v1/polls/question1/", { question_text: "Q?", pub_date: "2022-01-01T00:00:00Z" });
    expect(created.status).toBe(201);
    expect((await staff.patch("/rest/v1/polls/question1/1/", { question_text: "x" })).status).toBe(403);
    // No entry for OPTIONS in the map: DjangoModelPermissions answers 405.
    expect((await staff.options("/rest/v1/polls/question1/")).status).toBe(405);
  });

  it("paginates with ?limit and ?offset when a paginator is set", async () => {
    for (const name of ["a", "b", "c"]) await client.post("/rest/v1/lab/student/", { name, discipline: "CS", program: "MS" });
    const page = await client.get("/rest/v1/lab/student/", { limit: 2, offset: 1 });
    expect(page.data).toEqual({
      count: 3,
      next: null,
      previous: "http://testserver/rest/v1/lab/student/?limit=2",
      results: [
        { id: 2, name: "b", discipline: "CS", program: "MS", system: null },
        { id: 3, name: "c", discipline: "CS", program: "MS", system: null },
      ],
    });
    const first = await client.get("/rest/v1/lab/student/", { limit: 1 });
    expect(first.data.next).toBe("http://testserver/rest/v1/lab/student/?limit=1&offset=1");
    expect((await client.get("/rest/v1/lab/student/")).data).toHaveLength(3);
  });
});
