import { beforeAll, describe, expect, it } from "vitest";
import {
  BooleanField, CharField, DateField, DateTimeField, DecimalField, EmailField, FloatField, JSONField, Model,
  PositiveIntegerField, TextField, UUIDField,
} from "torest";
import { APIClient, restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";

class Item extends Model("kinds", {
  code: CharField({ maxLength: 8, unique: true }),
  note: CharField({ maxLength: 20, null: true, blank: true }),
  body: TextField({ blank: true }),
  size: CharField({ maxLength: 1, choices: [["S", "Small"], ["L", "Large"]], default: "S" }),
  active: BooleanField({ default: true }),
  price: DecimalField({ maxDigits: 6, decimalPlaces: 2 }),
  ratio: FloatField({ null: true }),
  stock: PositiveIntegerField({ default: 0 }),
  born: DateField({ null: true }),
  created: DateTimeField({ autoNowAdd: true }),
  email: EmailField({ blank: true }),
  ref: UUIDField({ null: true }),
  extra: JSONField({ null: true }),
}) {}

useTestDatabase([Item]);

describe(dbName("model field kinds through the API"), () => {
  let client: APIClient;
  beforeAll(() => {
    client = new APIClient(restifyApp("api", { only: true, models: [Item] }));
  });

  it("creates with DRF's coercions and renders each kind", async () => {
    const res = await client.post("/api/kinds/item/", {
      code: " A1 ", price: "12.5", ratio: "0.25", stock: "3", born: "2000-02-29", email: "a@example.com",
      ref: "12345678123456781234567812345678", extra: { tags: ["x"] }, active: "false", size: "L",
    });
    expect(res.status).toBe(201);
    expect(res.data).toEqual({
      id: 1, code: "A1", note: null, body: "", size: "L", active: false, price: "12.50", ratio: 0.25, stock: 3,
      born: "2000-02-29", created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/),
      email: "a@example.com", ref: "12345678-1234-5678-1234-567812345678", extra: { tags: ["x"] },
    });
    const again = await client.get("/api/kinds/item/1/");
    expect(again.data).toEqual(res.data);
  });

  it("reports every bad value with DRF's message", async () => {
    const res = await client.post("/api/kinds/item/", {
      code: "A1", price: "1234.567", ratio: "x", stock: -1, born: "2001-02-29", size: "M", email: "nope", ref: "zz", active: "maybe",
    });
    expect(res.status).toBe(400);
    expect(res.data).toEqual({
      code: ["item with this code already exists."],
      size: ['"M" is not a valid choice.'],
      active: ["Must be a valid boolean."],
      price: ["Ensure that there are no more than 6 digits in total."],
      ratio: ["A valid number is required."],
      stock: ["Ensure this value is greater than or equal to 0."],
      born: ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
      email: ["Enter a valid email address."],
      ref: ["Must be a valid UUID."],
    });
    expect(await Item.objects.count()).toBe(1);
  });

  it("filters each kind and describes it in OPTIONS", async () => {
    expect((await client.get("/api/kinds/item/", { active: "false" })).data).toHaveLength(1);
    expect((await client.get("/api/kinds/item/", { active: "true" })).data).toHaveLength(0);
    expect((await client.get("/api/kinds/item/", { size: "L" })).data).toHaveLength(1);
    expect((await client.get("/api/kinds/item/", { size: "X" })).data).toEqual({
      size: ["Select a valid choice. X is not one of the available choices."],
    });
    expect((await client.get("/api/kinds/item/", { born: "2000-02-29" })).data).toHaveLength(1);
    expect((await client.get("/api/kinds/item/", { price: "12.50" })).data).toHaveLength(1);
    expect((await client.get("/api/kinds/item/", { search: "a1" })).data).toHaveLength(1);
    const post = (await client.options("/api/kinds/item/")).data.actions.POST;
    expect(post.size).toEqual({
      type: "choice", required: false, read_only: false, label: "Size",
      choices: [{ value: "S", display_name: "Small" }, { value: "L", display_name: "Large" }],
    });
    expect(post.created).toEqual({ type: "datetime", required: false, read_only: true, label: "Created" });
    expect(post.price).toEqual({ type: "decimal", required: true, read_only: false, label: "Price", max_digits: 6, decimal_places: 2 });
    expect(post.note).toEqual({ type: "string", required: false, read_only: false, label: "Note", max_length: 20 });
  });

  it("lets an update keep its own unique value but not take another row's", async () => {
    const other = await client.post("/api/kinds/item/", { code: "B2", price: "1" });
    expect(other.status).toBe(201);
    const own = await client.patch("/api/kinds/item/1/", { code: "A1", note: "kept" });
    expect(own.status).toBe(200);
    expect(own.data.note).toBe("kept");
    const taken = await client.patch(`/api/kinds/item/${other.data.id}/`, { code: "A1" });
    expect(taken.status).toBe(400);
    expect(taken.data).toEqual({ code: ["item with this code already exists."] });
    expect((await client.get(`/api/kinds/item/${other.data.id}/`)).data.code).toBe("B2");
  });
});
