import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LimitOffsetPagination, openApiSchema, restifyApp } from "torest/rest";
import { typescriptClient } from "../../src/rest/openapi/typescript-client.js";
import { dbName, useTestDatabase } from "../support/db.js";
import { repoRoot } from "./fixtures/replay.js";
import { Category, shopModels } from "./fixtures/browsable-models.js";
import { Question, models as quickstartModels } from "./fixtures/quickstart-models.js";

const run = promisify(execFile);
useTestDatabase([...quickstartModels, ...shopModels]);

const dir = mkdtempSync(path.join(tmpdir(), "torest-client-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tsc = (args: string[]) =>
  run(process.execPath, [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--lib", "es2022,dom", "--skipLibCheck", ...args], { cwd: dir }).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );

// A program written against the generated client: it must type-check, and misuse must not.
const PROGRAM = `import { ApiError, TorestClient, type PollsQuestion } from "./client.js";

export async function scenario(baseUrl: string) {
  const client = new TorestClient({ baseUrl });
  const created: PollsQuestion = await client.pollsQuestion.create({ question_text: "Typed?", pub_date: "2024-05-01T10:00:00Z" });
  const id: number = created.id;
  await client.pollsChoice.create({ question: id, choice_text: "Yes", votes: 3 });
  await client.pollsChoice.create({ question: id, choice_text: "No" });
  const fetched = await client.pollsQuestion.retrieve(id);
  const updated = await client.pollsQuestion.update(id, { question_text: "Typed!", pub_date: fetched.pub_date });
  const patched = await client.pollsQuestion.partialUpdate(id, { question_text: "Patched" });
  const choices = await client.pollsQuestion.choices.list(id, { ordering: "-votes" });
  const filtered = await client.pollsChoice.list({ question: id, votes: 3 });
  const page = await client.shopProduct.list({ limit: 1, in_stock: true, size: "L" });
  let missing = 0;
  try {
    await client.pollsQuestion.retrieve(999999);
  } catch (error) {
    if (error instanceof ApiError) missing = error.status;
  }
  let invalid: unknown = null;
  try {
    await client.pollsQuestion.create({ question_text: "", pub_date: "soon" });
  } catch (error) {
    if (error instanceof ApiError) invalid = error.body;
  }
  await client.pollsQuestion.destroy(id);
  return { created, updated: updated.question_text, patched: patched.question_text, choices, filtered, page, missing, invalid };
}

export function misuse(client: TorestClient) {
  // @ts-expect-error question_text must be a string
  void client.pollsQuestion.create({ question_text: 1, pub_date: "x" });
  // @ts-expect-error the key is a number
  void client.pollsQuestion.retrieve("1");
  // @ts-expect-error no such filter
  void client.pollsChoice.list({ colour: "red" });
  // @ts-expect-error size is one of the choices
  void client.shopProduct.list({ size: "XL" });
  // @ts-expect-error id is read-only
  void client.pollsQuestion.retrieve(1).then((q) => { q.id = 2; });
}
`;

describe(dbName("torest generate-client: a typed fetch client for the served models"), () => {
  const handler = restifyApp("rest/v1", { only: true, models: [...quickstartModels, ...shopModels], pagination: new LimitOffsetPagination({ defaultLimit: 10 }) });
  let server: http.Server;
  let baseUrl = "";

  beforeAll(async () => {
    writeFileSync(path.join(dir, "client.ts"), typescriptClient(openApiSchema(handler, { title: "Test", version: "1.0.0" })));
    writeFileSync(path.join(dir, "program.ts"), PROGRAM);
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }');
    server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await Category.objects.create({ name: "Tea" });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("type-checks a program against the client, and rejects misuse (wrong field types, keys, filters, choices, read-only)", async () => {
    expect(await tsc(["--outDir", "out", "client.ts", "program.ts"])).toBe("");
    const broken = PROGRAM.replace(/ *\/\/ @ts-expect-error.*\n/g, "");
    writeFileSync(path.join(dir, "broken.ts"), broken);
    const errors = await tsc(["--noEmit", "client.ts", "broken.ts"]);
    expect(errors.match(/error TS/g)).toHaveLength(5);
  }, 60_000);

  it("runs against a live server: create, retrieve, update, partial update, nested list, typed filters, pages, errors, delete", async () => {
    const { scenario } = (await import(pathToFileURL(path.join(dir, "out", "program.js")).href)) as { scenario: (url: string) => Promise<any> };
    const result = await scenario(baseUrl);
    expect(result.created).toMatchObject({ question_text: "Typed?", pub_date: "2024-05-01T10:00:00Z" });
    expect(result.updated).toBe("Typed!");
    expect(result.patched).toBe("Patched");
    expect(result.choices.results.map((c: { choice_text: string }) => c.choice_text)).toEqual(["Yes", "No"]);
    expect(result.filtered.count).toBe(1);
    expect(result.page).toEqual({ count: 0, next: null, previous: null, results: [] });
    expect(result.missing).toBe(404);
    expect(result.invalid).toEqual({ question_text: ["This field may not be blank."], pub_date: ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."] });
    expect(await Question.objects.count()).toBe(0);
  }, 30_000);

  it("the CLI writes the demo's client (no database needed), which type-checks", async () => {
    const out = path.join(dir, "demo-client.ts");
    const { stdout } = await run(process.execPath, [path.join(repoRoot, "bin/torest.mjs"), "generate-client", "--out", out], { cwd: dir });
    expect(stdout).toContain(`torest: wrote ${out}`);
    const text = readFileSync(out, "utf8");
    expect(text).toContain("export class TorestClient");
    expect(text).toContain("readonly oneToOnePlace = {");
    expect(await tsc(["--noEmit", "demo-client.ts"])).toBe("");
  }, 60_000);
});
