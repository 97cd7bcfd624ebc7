import { beforeEach, describe, expect, it } from "vitest";
import { APIClient, IsAuthenticatedOrReadOnly, LimitOffsetPagination, browsableAPIRenderer, JSONRenderer, restifyApp, type Authentication } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { Category, Product, shopModels } from "./fixtures/browsable-models.js";

useTestDatabase(shopModels);
beforeEach(async () => {
  await Product.objects.all().delete();
  await Category.objects.all().delete();
});

const HTML = { headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } };
const app = (options: Parameters<typeof restifyApp>[1] = {}) => restifyApp("api", { only: true, models: shopModels, ...options });

describe(dbName("content negotiation (DRF's DefaultContentNegotiation)"), () => {
  const client = new APIClient(app());

  it("a browser's Accept header gets the browsable API, as text/html; charset=utf-8", async () => {
    const res = await client.get("/api/shop/category/", undefined, HTML);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.text).toMatch(/^<!DOCTYPE html>/);
    expect(res.headers.vary).toBe("Accept, Cookie");
  });

  it("no Accept header, */* and application/json get JSON (the first renderer)", async () => {
    for (const accept of [undefined, "*/*", "application/json", "application/json, text/html;q=0.5"]) {
      const res = await client.get("/api/shop/category/", undefined, { headers: accept ? { accept } : {} });
      expect(res.headers["content-type"]).toBe("application/json");
      expect(res.data).toEqual([]);
    }
  });

  it("?format=api gets HTML and ?format=json gets JSON whatever the Accept header", async () => {
    expect((await client.get("/api/shop/category/?format=api")).headers["content-type"]).toBe("text/html; charset=utf-8");
    const json = await client.get("/api/shop/category/?format=json", undefined, HTML);
    expect(json.headers["content-type"]).toBe("application/json");
  });

  it("an unknown ?format= is a 404 and an Accept no renderer offers is a 406, as in DRF", async () => {
    const unknown = await client.get("/api/shop/category/?format=xml");
    expect(unknown.status).toBe(404);
    expect(unknown.data).toEqual({ detail: "Not found." });
    const refused = await client.get("/api/shop/category/", undefined, { headers: { accept: "application/xml" } });
    expect(refused.status).toBe(406);
    expect(refused.data).toEqual({ detail: 'Could not satisfy the request Accept header.' });
  });

  it("the renderer list is a setting: JSON only answers text/html with 406", async () => {
    const jsonOnly = new APIClient(app({ settings: { renderers: [JSONRenderer] } }));
    expect((await jsonOnly.get("/api/shop/category/", undefined, { headers: { accept: "text/html" } })).status).toBe(406);
  });
});

describe(dbName("the browsable API page (DRF's BrowsableAPIRenderer)"), () => {
  const client = new APIClient(app({ pagination: new LimitOffsetPagination() }));

  it("shows the view name, breadcrumbs, request line, status, headers with Allow, and JSON with clickable links", async () => {
    const cat = await Category.objects.create({ name: "Tea" });
    const res = await client.get("/api/shop/category/", undefined, HTML);
    expect(res.text).toContain("<h1>Category List</h1>");
    expect(res.text).toContain('<li><a href="/">Api Root</a></li><li class="active">Category List</li>');
    expect(res.text).toContain("<b>GET</b> /api/shop/category/");
    expect(res.text).toContain("<b>HTTP 200 OK</b>");
    expect(res.text).toContain("<b>Allow:</b> GET, POST, HEAD, OPTIONS");
    expect(res.text).toContain("<b>Content-Type:</b> application/json");
    expect(res.text).toContain(`&quot;products&quot;: &quot;<a href="/api/shop/category/${cat.pk}/products/" rel="nofollow">/api/shop/category/${cat.pk}/products/</a>&quot;`);
    const root = await client.get("/", undefined, HTML);
    expect(root.text).toContain('<a href="http://testserver/api/shop/category/" rel="nofollow">');
  });

  it("escapes every value: a <script> in data, in the query string and in errors never becomes markup", async () => {
    await Category.objects.create({ name: "<script>alert('x')</script>" });
    const res = await client.get("/api/shop/category/", undefined, HTML);
    expect(res.text).toContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;");
    expect(res.text.match(/<script/g)).toHaveLength(1);
    const searched = await client.get("/api/shop/category/?search=<script>bad</script>", undefined, HTML);
    expect(searched.text).toContain('<b>GET</b> /api/shop/category/?search=&lt;script&gt;bad&lt;/script&gt;');
    expect(searched.text).toContain('<input type="search" name="search" value="&lt;script&gt;bad&lt;/script&gt;" placeholder="Search">');
    // The only script element is the page's own.
    expect(searched.text.match(/<script/g)).toHaveLength(1);
    const bad = await client.post("/api/shop/product/", "name=<img src=x onerror=alert(1)>&price=<b>", { ...HTML, contentType: "application/x-www-form-urlencoded" });
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain("<img src=x");
    expect(bad.text).not.toContain("<b>&lt;");
    expect(bad.text).toContain('value="&lt;img src=x onerror=alert(1)&gt;"');
  });

  it("lists get the filter, search and ordering controls of the view and pagination links", async () => {
    for (const name of ["a", "b", "c"]) await Category.objects.create({ name });
    const res = await client.get("/api/shop/category/?limit=1&offset=1", undefined, HTML);
    expect(res.text).toContain('<summary class="btn">Filters</summary>');
    expect(res.text).toContain('<input type="text" name="name" value="">');
    expect(res.text).toContain('<input type="search" name="search" value="" placeholder="Search">');
    expect(res.text).toContain('<option value="-name">name - descending</option>');
    expect(res.text).toContain('<a class="btn" rel="next" href="http://testserver/api/shop/category/?limit=1&amp;offset=2">Next »</a>');
    expect(res.text).toContain('<a class="btn" rel="prev" href="http://testserver/api/shop/category/?limit=1">« Previous</a>');
    expect(res.text).toContain('<span class="count">3 results</span>');
  });

  it("a list has an HTML form with an input per field type, a relation select, and a raw-data form with the parsers' media types", async () => {
    const tea = await Category.objects.create({ name: "Tea" });
    const res = await client.get("/api/shop/product/", undefined, HTML);
    const text = res.text;
    expect(text).toContain('<form class="html-form" action="/api/shop/product/" method="POST" data-method="POST" novalidate>');
    expect(text).toContain('<input type="text" id="id_name" name="name" value="">');
    expect(text).toContain('<span class="help-block">Shown on the shelf label.</span>');
    expect(text).toContain('<textarea id="id_description" name="description" rows="4"></textarea>');
    expect(text).toContain('<input type="number" step="any" id="id_price" name="price" value="">');
    expect(text).toContain('<input type="checkbox" id="id_in_stock" name="in_stock" value="true">');
    expect(text).toContain('<select id="id_size" name="size"><option value="">---------</option><option value="S">Small</option><option value="L">Large</option></select>');
    expect(text).toContain('<input type="date" id="id_released" name="released" value="">');
    expect(text).toContain('<input type="email" id="id_contact" name="contact" value="">');
    expect(text).toContain('<input type="url" id="id_homepage" name="homepage" value="">');
    expect(text).toContain(`<select id="id_category" name="category"><option value="">---------</option><option value="${tea.pk}">Category Tea</option></select>`);
    expect(text).toContain('<option value="application/json">application/json</option><option value="application/x-www-form-urlencoded">');
    expect(text).toContain("&quot;name&quot;: &quot;&quot;");
    expect(text).not.toContain('data-method="DELETE"');
    expect(text).toContain('data-method="OPTIONS"');
  });

  it("past HTML_SELECT_CUTOFF a relation select becomes a search box with the first objects suggested", async () => {
    for (const name of ["a", "b", "c"]) await Category.objects.create({ name });
    const small = new APIClient(app({ settings: { renderers: [JSONRenderer, browsableAPIRenderer({ htmlSelectCutoff: 2 })] } }));
    const text = (await small.get("/api/shop/product/", undefined, HTML)).text;
    expect(text).toContain('<input type="search" id="id_category" name="category" value="" list="id_category_choices" autocomplete="off">');
    expect(text).toContain("More than 2 items...");
    expect(text.match(/<option value="\d+">Category/g)).toHaveLength(2);
  });

  it("a form submission that fails shows the field errors inline, with the submitted values kept (400)", async () => {
    const res = await client.post("/api/shop/product/", "name=&price=abc&size=S", { ...HTML, contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.text).toContain("<b>HTTP 400 Bad Request</b>");
    expect(res.text).toMatch(/<div class="form-group has-error">\s*<label for="id_name">Name<\/label>\s*<div class="control"><input type="text" id="id_name" name="name" value=""><span class="help-block error">This field may not be blank.<\/span>/);
    expect(res.text).toContain('<input type="number" step="any" id="id_price" name="price" value="abc"><span class="help-block error">A valid number is required.</span>');
    expect(await Product.objects.count()).toBe(0);
  });

  it("a valid form submission creates the object and answers 201 as a page", async () => {
    const tea = await Category.objects.create({ name: "Tea" });
    const res = await client.post("/api/shop/product/", `name=Sencha&price=4.50&size=L&category=${tea.pk}&in_stock=true`, { ...HTML, contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(201);
    expect(res.text).toContain("<b>HTTP 201 Created</b>");
    const product = await Product.objects.get({ name: "Sencha" });
    expect([product.price, product.size, product.category_id, product.in_stock]).toEqual(["4.50", "L", tea.pk, true]);
  });

  it("an object page has a PUT form filled with its values, PUT/PATCH raw forms, and a DELETE button with DRF's question", async () => {
    const tea = await Category.objects.create({ name: "Tea" });
    const p = await Product.objects.create({ name: "Sencha", price: "4.50", category: tea, in_stock: false, released: "2024-01-02" });
    const text = (await client.get(`/api/shop/product/${p.pk}/`, undefined, HTML)).text;
    expect(text).toContain("<h1>Product Instance</h1>");
    expect(text).toContain('<li><a href="/api/shop/product/">Product List</a></li><li class="active">Product Instance</li>');
    expect(text).toContain('data-method="PUT" novalidate>');
    expect(text).toContain('<input type="text" id="id_name" name="name" value="Sencha">');
    expect(text).toContain('<input type="checkbox" id="id_in_stock" name="in_stock" value="true">');
    expect(text).toContain('<input type="date" id="id_released" name="released" value="2024-01-02">');
    expect(text).toContain(`<option value="${tea.pk}" selected>Category Tea</option>`);
    expect(text).toContain('<button type="submit" class="btn primary" data-method="PUT">PUT</button> <button type="submit" class="btn primary" data-method="PATCH">PATCH</button>');
    expect(text).toContain('data-confirm="Are you sure you want to delete this Product Instance?"');
  });

  it("DELETE from the page answers 200 so the browser shows it, the status line says 204", async () => {
    const p = await Category.objects.create({ name: "Gone" });
    const res = await client.delete(`/api/shop/category/${p.pk}/`, undefined, HTML);
    expect(res.status).toBe(200);
    expect(res.text).toContain("<b>HTTP 204 No Content</b>");
    expect(res.text).not.toContain('data-method="PUT"');
    expect((await client.delete(`/api/shop/category/${p.pk}/`)).status).toBe(404);
  });

  it("forms and the DELETE button are shown only for methods the user is allowed (show_form_for_method)", async () => {
    const p = await Category.objects.create({ name: "Tea" });
    const readOnly = new APIClient(app({ settings: { permissions: [IsAuthenticatedOrReadOnly] } }));
    const list = (await readOnly.get("/api/shop/category/", undefined, HTML)).text;
    expect(list).not.toContain('class="html-form"');
    expect(list).not.toContain('class="raw-form"');
    const detail = (await readOnly.get(`/api/shop/category/${p.pk}/`, undefined, HTML)).text;
    expect(detail).not.toContain('data-method="DELETE"');
    expect(detail).not.toContain('data-method="PUT"');
  });

  it("an unknown URL under the prefix gets a browsable 404 page", async () => {
    const res = await client.get("/api/nothing/", undefined, HTML);
    expect(res.status).toBe(404);
    expect(res.text).toContain("<h1>Not Found</h1>");
    expect(res.text).toContain("&quot;detail&quot;: &quot;Not found.&quot;");
  });
});

describe(dbName("log in and log out links (DRF's optional_login with session authentication)"), () => {
  // Any authentication class naming its login and logout pages gets the links (torest/auth's
  // SessionAuthentication does); this stand-in accepts a fixed header.
  const Session: Authentication & { loginUrl: string; logoutUrl: string } = {
    loginUrl: "/api-auth/login/",
    logoutUrl: "/api-auth/logout/",
    authenticate: (request) => (request.header("x-test-user") ? { user: { isAuthenticated: true, username: request.header("x-test-user") } as never } : null),
  };
  const client = new APIClient(app({ settings: { authentication: [Session] } }));

  it("an anonymous user sees Log in with ?next= back to the page; a logged-in user sees their name and Log out", async () => {
    const anon = (await client.get("/api/shop/category/?limit=2", undefined, HTML)).text;
    expect(anon).toContain('<a class="login" href="/api-auth/login/?next=%2Fapi%2Fshop%2Fcategory%2F%3Flimit%3D2">Log in</a>');
    const user = (await client.get("/api/shop/category/", undefined, { headers: { ...HTML.headers, "x-test-user": "<ann>" } })).text;
    // Logging out is a POST (Django 5 refuses GET logouts), as in DRF 3.15's template.
    expect(user).toContain('<span class="user">&lt;ann&gt;</span> <form class="logout" method="post" action="/api-auth/logout/?next=%2Fapi%2Fshop%2Fcategory%2F"><button type="submit" class="logout">Log out</button></form>');
    const none = (await new APIClient(app()).get("/api/shop/category/", undefined, HTML)).text;
    expect(none).not.toContain("Log in");
  });
});
