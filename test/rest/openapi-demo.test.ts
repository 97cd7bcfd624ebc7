import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import type { ModelClass } from "torest";
import { restifyApp, type RestifyOptions } from "torest/rest";
import { demoConfig } from "../../src/cli/demo/config.js";
import * as guide from "../../src/cli/demo/relationships.js";
import { dbName, useTestDatabase } from "../support/db.js";
import { OpenApiResponseChecker, walkRoutes } from "../support/openapi-check.js";

// The demo `torest serve` runs without a config: the relationship guide and the one-to-one example.
const config = await demoConfig();
const entries = config.models as readonly (ModelClass | readonly [ModelClass, RestifyOptions])[];
const plain = entries.map((m) => (Array.isArray(m) ? m[0] : m) as ModelClass);
const byName = (name: string) => plain.find((m) => m.meta.objectName === name)!;

useTestDatabase([...plain, ...(config.apps ?? []).flatMap((app) => app.models)]);

describe(dbName("the demo's OpenAPI document matches what the demo serves"), () => {
  const handler = restifyApp("rest/v1", { only: true, models: entries as never, ...(config.app as object) });

  beforeAll(async () => {
    const ann = await guide.Student.objects.create({ name: "Ann", discipline: "math", program: "bsc" });
    await guide.Student.objects.create({ name: "Bob", discipline: "cs", program: "msc" });
    await guide.System.objects.create({ name: "sys", location: "lab 1", student: ann });
    const q = await guide.Question.objects.create({ question_text: "Why?" });
    await guide.Choice.objects.create({ question: q, choice_text: "Because" });
    const e1 = await guide.EduStudent.objects.create({ name: "E1" });
    const e2 = await guide.EduStudent.objects.create({ name: "E2" });
    await (e1 as any).friends.add(e2);
    const course = await guide.Course.objects.create({ name: "Algebra" });
    await (course as any).student.add(e1);
    await guide.Course.objects.create({ name: "Geometry" });
    const Place = byName("Place");
    const Restaurant = byName("Restaurant");
    const Waiter = byName("Waiter");
    const p1 = await Place.objects.create({ name: "Demon Dogs", address: "944 W. Fullerton" });
    await Place.objects.create({ name: "Ace Hardware", address: "1013 N. Ashland" });
    const r = await Restaurant.objects.create({ place: p1, serves_hot_dogs: true });
    await Waiter.objects.create({ restaurant: r, name: "Joe" });
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(new OpenApiResponseChecker(handler).doc as never);
    expect(result.errors).toBeUndefined();
  });

  it("describes the reverse one-to-one as nullable and read-only, and nested links as URI references", () => {
    const { schemas } = new OpenApiResponseChecker(handler).doc.components as any;
    expect(schemas.LabStudent.properties.system).toEqual({ type: ["integer", "null"], readOnly: true });
    expect(schemas.One_to_onePlace.properties.restaurant).toEqual({ type: ["integer", "null"], readOnly: true });
    expect(schemas.EduStudent.properties.friends).toEqual({ type: "string", format: "uri-reference", readOnly: true });
  });

  it("every route: every status is documented and every body matches its schema", async () => {
    const checker = new OpenApiResponseChecker(handler);
    await walkRoutes(checker);
    // The guide's CustomPermission models need Basic credentials, and the login routes real
    // credentials, that this walk has no users for: their refusals are checked here, their
    // successes in the auth tests (test/rest/auth-classes.test.ts).
    const guarded = (key: string) => /\/polls\/(question1|choice1)\/|\/(api-auth\/login|api-token-auth|token(\/refresh|\/verify)?)\/$/.test(key);
    expect(checker.missingSuccess(guarded)).toEqual([]);
    expect([...checker.seen.get("get /rest/v1/polls/question1/")!]).toContain(401);
  });
});
