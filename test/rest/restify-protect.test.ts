import { beforeAll, describe, expect, it } from "vitest";
import { CharField, ForeignKey, Model, PROTECT } from "torest";
import { APIClient, restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";

class Category extends Model("shop", { name: CharField({ maxLength: 20 }) }) {}
class Product extends Model("shop", {
  category: ForeignKey(() => Category, { onDelete: PROTECT }),
  name: CharField({ maxLength: 20 }),
}) {}

useTestDatabase([Category, Product]);

describe(dbName("deleting a protected object"), () => {
  let client: APIClient;
  beforeAll(() => {
    client = new APIClient(restifyApp("api", { only: true, models: [Category, Product] }));
  });

  it("answers 409 with Django's message and deletes nothing", async () => {
    await client.post("/api/shop/category/", { name: "Tools" });
    await client.post("/api/shop/product/", { category: 1, name: "Hammer" });
    const res = await client.delete("/api/shop/category/1/");
    expect(res.status).toBe(409);
    expect(res.data).toEqual({
      detail: "Cannot delete some instances of model 'Category' because they are referenced through protected foreign keys: 'Product.category'.",
    });
    expect(await Category.objects.count()).toBe(1);
    expect((await client.delete("/api/shop/product/1/")).status).toBe(204);
    expect((await client.delete("/api/shop/category/1/")).status).toBe(204);
  });
});
