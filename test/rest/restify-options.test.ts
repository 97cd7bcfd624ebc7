import { beforeAll, describe, expect, it } from "vitest";
import { APIClient, CharField, restifyApp, type RestHandler } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { Student, System, models } from "./fixtures/relationships-models.js";

useTestDatabase(models);

describe(dbName("restifyModel options: exclude, read-only, method and custom fields"), () => {
  let handler: RestHandler;
  let client: APIClient;
  beforeAll(async () => {
    Object.defineProperty(Student.prototype, "label", {
      get(this: { name: string; program: string }) {
        return `${this.name} (${this.program})`;
      },
    });
    handler = restifyApp("api", {
      only: true,
      models: [
        [Student, { exclude: ["program"], methodFields: ["label"], readOnlyFields: ["discipline"] }],
        [System, { serializerFields: { location: new CharField({ maxLength: 5, label: "Room" }) } }],
      ],
    });
    client = new APIClient(handler);
    await Student.objects.create({ name: "Ann", discipline: "CS", program: "secret-MS" });
    await Student.objects.create({ name: "Bob", discipline: "EE", program: "PhD" });
  });

  it("leaves excluded fields out of output and input, and never filters, searches or orders by them", async () => {
    const list = await client.get("/api/lab/student/");
    expect(list.data[0]).toEqual({ id: 1, name: "Ann", discipline: "CS", label: "Ann (secret-MS)", system: null });
    expect(Object.keys(list.data[0])).toEqual(["id", "name", "discipline", "label", "system"]);
    expect((await client.get("/api/lab/student/", { program: "PhD" })).data).toHaveLength(2);
    expect((await client.get("/api/lab/student/", { search: "secret" })).data).toEqual([]);
    const byProgram = await client.get("/api/lab/student/", { ordering: "-program" });
    expect(byProgram.data.map((s: { id: number }) => s.id)).toEqual([1, 2]);
    expect((await client.get("/api/lab/student/", { ordering: "-name" })).data.map((s: { id: number }) => s.id)).toEqual([2, 1]);
  });

  it("applies filters to detail routes, as DRF's get_object does", async () => {
    expect((await client.get("/api/lab/student/1/", { name: "Ann" })).status).toBe(200);
    expect((await client.get("/api/lab/student/1/", { name: "Bob" })).status).toBe(404);
    expect((await client.get("/api/lab/student/1/", { id: "x" })).data).toEqual({ id: ["Enter a number."] });
    expect((await client.patch("/api/lab/student/1/?name=Bob", { name: "Zed" })).status).toBe(404);
    expect((await Student.objects.get({ pk: 1 }) as unknown as { name: string }).name).toBe("Ann");
  });

  it("ignores writes to read-only fields and reports them read-only in OPTIONS", async () => {
    const created = await client.post("/api/lab/student/", { name: "Cy", discipline: "XX", program: "P" });
    expect(created.status).toBe(201);
    expect(created.data.discipline).toBe("");
    const options = await client.options("/api/lab/student/");
    expect(options.data.name).toBe("Student List");
    expect(options.data.parses).toEqual(["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]);
    expect((await client.options("/api/lab/student/1/")).data.name).toBe("Student Instance");
    expect(options.data.actions.POST.discipline).toEqual({ type: "field", required: false, read_only: true, label: "Discipline" });
    expect(options.data.actions.POST.label).toEqual({ type: "field", required: false, read_only: true, label: "Label" });
    expect(options.data.actions.POST.program).toBeUndefined();
  });

  it("uses a replacement serializer field with its own rules", async () => {
    const bad = await client.post("/api/lab/system/", { name: "PC", location: "AB1-102" });
    expect(bad.status).toBe(400);
    expect(bad.data).toEqual({ location: ["Ensure this field has no more than 5 characters."] });
    const options = await client.options("/api/lab/system/");
    expect(options.data.actions.POST.location).toEqual({ type: "string", required: true, read_only: false, label: "Room", max_length: 5 });
  });

  it("serves under another prefix, root included", async () => {
    const root = await client.get("/");
    expect(root.data).toEqual({ "api/lab/student": "http://testserver/api/lab/student/", "api/lab/system": "http://testserver/api/lab/system/" });
    expect(handler.reverse("lab_student-detail", { pk: 1 })).toBe("/api/lab/student/1/");
  });
});

describe("restifyModel options are checked", () => {
  it("names the unknown field and the choices", () => {
    expect(() => restifyApp("api", { only: true, models: [[Student, { exclude: ["programme"] }]] })).toThrow(
      '@restifyModel exclude of lab.Student names "programme", which is not one of its fields. Choices are: discipline, id, name, program, system.',
    );
    expect(() => restifyApp("api", { only: true, models: [[Student, { searchFields: ["system"] }]] })).toThrow(/searchFields of lab.Student names "system"/);
    expect(() => restifyApp("api", { only: true, models: [[Student, { methodFields: ["nope"] }]] })).toThrow(
      '@restifyModel methodFields of lab.Student names "nope": define a getter or method of that name on Student.',
    );
  });
});
