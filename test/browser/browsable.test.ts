// The browsable API and Swagger UI in a real browser: playwright-core driving Debian's Chromium
// (/usr/bin/chromium; .ci/run installs the package when missing). Screenshots go to
// test-results/screenshots/ (printed at the end).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as auth from "torest/auth";
import { authRoutes, LimitOffsetPagination, openApiSchema, restifyApp, SessionAuthentication } from "torest/rest";
import { TEST_DB, dbName, useTestDatabase } from "../support/db.js";
import { repoRoot } from "../rest/fixtures/replay.js";
import { Category, Product, shopModels } from "../rest/fixtures/browsable-models.js";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = path.join(repoRoot, "test-results", "screenshots");

// The browser does not depend on the database; one leg is enough and keeps CI time down.
const onSqlite = TEST_DB === "sqlite";
if (onSqlite) useTestDatabase([...shopModels, ...auth.models]);

// torest/auth's session login: the browsable API links to its login page and posts its logout.
const session = new SessionAuthentication({ loginUrl: "/api/api-auth/login/", logoutUrl: "/api/api-auth/logout/" });

describe.skipIf(!onSqlite)(dbName("the browsable API and Swagger UI in Chromium (browser tests run on the SQLite leg only: the browser does not depend on the database)"), () => {
  const handler = restifyApp("api", { only: true, models: shopModels, pagination: new LimitOffsetPagination({ defaultLimit: 10 }), schemaPath: "openapi", info: { title: "Shop" }, routes: authRoutes(), settings: { authentication: [session] } });
  let server: http.Server;
  let base = "";
  let context: BrowserContext;
  let page: Page;
  const profile = mkdtempSync(path.join(tmpdir(), "torest-chromium-"));
  const external: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = http.createServer(handler);
    await auth.User.objects.createUser("ann", { password: "correct horse" });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await Category.objects.create({ name: "Tea" });
    await Category.objects.create({ name: "<script>alert('x')</script>" });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1200, height: 900 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    // Offline: anything not served by our server is refused and recorded.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      external.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("dialog", (dialog) => void dialog.accept());
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(profile, { recursive: true, force: true });
    console.log(`screenshots: ${SCREENSHOTS}`);
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it("opens the API root, follows a link to a list, and reads it with data escaped", async () => {
    await page.goto(`${base}/`);
    expect(await page.locator("h1").textContent()).toBe("Api Root");
    await shot("01-api-root");
    await page.locator(`pre.response a[href="${base}/api/shop/category/"]`).click();
    await page.waitForURL(`${base}/api/shop/category/`);
    expect(await page.locator("h1").textContent()).toBe("Category List");
    expect(await page.locator("pre.response").textContent()).toContain("<script>alert('x')</script>");
    expect(await page.evaluate(() => document.scripts.length)).toBe(1);
    await page.locator(".breadcrumb a", { hasText: "Api Root" }).click();
    await page.waitForURL(`${base}/`);
  });

  it("creates an object through the HTML form, showing the 400 errors inline first", async () => {
    await page.goto(`${base}/api/shop/product/`);
    const form = page.locator("form.html-form");
    await form.locator("#id_contact").fill("not-an-email");
    await form.locator("button[type=submit]").click();
    await page.locator("pre.response .meta b", { hasText: "HTTP 400" }).waitFor();
    const errors = await page.locator("form.html-form .has-error").evaluateAll((groups) =>
      groups.map((g) => [g.querySelector("label")?.textContent, g.querySelector(".help-block.error")?.textContent]),
    );
    expect(errors).toEqual([["Name", "This field may not be blank."], ["Price", "A valid number is required."], ["Contact", "Enter a valid email address."]]);
    expect(await page.locator("form.html-form #id_contact").inputValue()).toBe("not-an-email");
    await shot("02-form-errors");
    await page.locator("form.html-form #id_name").fill("Sencha");
    await page.locator("form.html-form #id_price").fill("4.50");
    await page.locator("form.html-form #id_size").selectOption("L");
    await page.locator("form.html-form #id_contact").fill("tea@example.com");
    await page.locator("form.html-form #id_category").selectOption({ label: "Category Tea" });
    await page.locator("form.html-form button[type=submit]").click();
    await page.locator("pre.response .meta b", { hasText: "HTTP 201" }).waitFor();
    const product = await Product.objects.get({ name: "Sencha" });
    expect([product.price, product.size, product.in_stock]).toEqual(["4.50", "L", false]);
    await shot("03-created");
  });

  it("edits the object with the PUT form and the raw PATCH form, then deletes it", async () => {
    const product = await Product.objects.get({ name: "Sencha" });
    await page.goto(`${base}/api/shop/product/${product.pk}/`);
    expect(await page.locator("h1").textContent()).toBe("Product Instance");
    expect(await page.locator("form.html-form #id_name").inputValue()).toBe("Sencha");
    await page.locator("form.html-form #id_name").fill("Sencha Premium");
    await page.locator("form.html-form #id_in_stock").check();
    await page.locator("form.html-form button[type=submit]").click();
    // The page is replaced when the answer arrives: wait for the PUT's request line.
    await page.locator("pre.request", { hasText: "PUT" }).waitFor();
    expect(await page.locator("pre.response .meta b").first().textContent()).toBe("HTTP 200 OK");
    expect(await page.locator("pre.response").textContent()).toContain('"name": "Sencha Premium"');
    await shot("04-browsable-api-detail");
    await page.locator("form.raw-form #id__content").fill('{"price": "5.00"}');
    await page.locator("form.raw-form button[data-method=PATCH]").click();
    await page.locator("pre.request", { hasText: "PATCH" }).waitFor();
    expect(await page.locator("pre.response").textContent()).toContain('"price": "5.00"');
    const saved = await Product.objects.get({ pk: product.pk });
    expect([saved.name, saved.price, saved.in_stock]).toEqual(["Sencha Premium", "5.00", true]);
    await page.locator("button", { hasText: "DELETE" }).click();
    await page.locator("pre.response .meta b", { hasText: "HTTP 204 No Content" }).waitFor();
    expect(await Product.objects.filter({ pk: product.pk }).exists()).toBe(false);
    await shot("05-deleted");
  });

  it("lists with pagination and filter controls", async () => {
    for (let i = 0; i < 12; i++) await Product.objects.create({ name: `P${i}`, price: "1.00" });
    await page.goto(`${base}/api/shop/product/`);
    await page.locator(".pagination a[rel=next]").click();
    await page.waitForURL(/offset=10/);
    expect(await page.locator("pre.response").textContent()).toContain('"name": "P10"');
    await page.locator("details.filters summary").click();
    await page.locator("details.filters input[name=search]").fill("P1");
    await page.locator("details.filters button[type=submit]").click();
    await page.waitForURL(/search=P1/);
    // Empty filters are left out of the URL.
    expect(new URL(page.url()).search).toBe("?search=P1&limit=10");
    expect(await page.locator("pre.response").textContent()).toContain('"count": 3');
    await shot("06-browsable-api-list");
  });

  it("logs in through session authentication's login page (a wrong password is refused) and logs out", async () => {
    await page.goto(`${base}/api/shop/category/`);
    await page.locator("header a.login", { hasText: "Log in" }).click();
    await page.locator("input[name=username]").fill("ann");
    await page.locator("input[name=password]").fill("wrong");
    await page.locator("form button[type=submit]").click();
    await page.locator("p.error", { hasText: "Please enter a correct username and password." }).waitFor();
    expect(await page.locator("input[name=username]").inputValue()).toBe("ann");
    await page.locator("input[name=password]").fill("correct horse");
    await page.locator("form button[type=submit]").click();
    await page.locator("header .user", { hasText: "ann" }).waitFor();
    expect(page.url()).toBe(`${base}/api/shop/category/`);
    await shot("08-logged-in");
    await page.locator("header button.logout", { hasText: "Log out" }).click();
    await page.locator("header a.login", { hasText: "Log in" }).waitFor();
    expect(page.url()).toBe(`${base}/api/shop/category/`);
    expect(await page.locator("header .user").count()).toBe(0);
  });

  it("Swagger UI loads offline at /api/docs/ and lists every operation", async () => {
    const doc = openApiSchema(handler) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    await page.goto(`${base}/api/docs/`);
    await page.locator(".opblock").first().waitFor({ timeout: 20_000 });
    // Expand every tag so each operation is rendered.
    for (const tag of await page.locator(".opblock-tag-section:not(.is-open) .opblock-tag").all()) await tag.click();
    await expect.poll(() => page.locator(".opblock").count()).toBe(operations);
    expect(await page.locator(".info .title").textContent()).toContain("Shop");
    await shot("07-swagger-ui");
    expect(external).toEqual([]);
  }, 40_000);
});
