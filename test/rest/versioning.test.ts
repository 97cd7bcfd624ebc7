import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AcceptHeaderVersioning,
  HostNameVersioning,
  NamespaceVersioning,
  QueryParameterVersioning,
  URLPathVersioning,
  restifyApp,
  type RestifyOptions,
  type Versioning,
} from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { serveHttp, type HttpClient } from "./fixtures/http-client.js";
import { Tag, models } from "./fixtures/library-models.js";

useTestDatabase(models);

/** Tags with a `version` action answering `request.version`, as an override sees it. */
const tagOptions: RestifyOptions = {
  customActions: [{ name: "version", handler: ({ request }) => ({ version: request.version }) }],
};

function serve(prefix: string, versioning: Versioning, extra: object = {}): Promise<HttpClient> {
  return serveHttp(restifyApp(prefix, { only: true, models: [[Tag, tagOptions]], settings: { versioning, ...extra } }));
}

/** GET with a Host header of our choosing (fetch may not set Host). */
function getWithHost(origin: string, path: string, host: string): Promise<{ status: number; data: unknown }> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, headers: { host, accept: "application/json" } }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, data: JSON.parse(body) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe(dbName("versioning schemes (DRF's versioning.py)"), () => {
  const servers: HttpClient[] = [];
  const start = async (...args: Parameters<typeof serve>) => {
    const server = await serve(...args);
    servers.push(server);
    return server;
  };
  beforeAll(async () => {
    await Tag.objects.create({ label: "a" });
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  it("reads the version from the Accept header's version parameter (AcceptHeaderVersioning)", async () => {
    const api = await start("api", new AcceptHeaderVersioning({ allowedVersions: ["1.0", "2.0"], defaultVersion: "1.0" }));
    expect((await api.get("/api/library/tag/version/", { accept: "application/json; version=2.0" })).data).toEqual({ version: "2.0" });
    expect((await api.get("/api/library/tag/version/", { accept: "*/*" })).data).toEqual({ version: "1.0" });
    const refused = await api.get("/api/library/tag/version/", { accept: "application/json; version=3.0" });
    expect(refused.status).toBe(406);
    expect(refused.data).toEqual({ detail: 'Invalid version in "Accept" header.' });
  });

  it("reads the version from the URL path (URLPathVersioning)", async () => {
    const api = await start("api/<version>", new URLPathVersioning({ allowedVersions: ["v1", "v2"] }));
    expect((await api.get("/api/v2/library/tag/version/")).data).toEqual({ version: "v2" });
    // Links keep the version of the request.
    expect((await api.get("/api/v1/library/tag/")).data).toEqual([{ id: 1, label: "a", book_set: "/api/v1/library/tag/1/book_set/" }]);
    const refused = await api.get("/api/v9/library/tag/");
    expect(refused.status).toBe(404);
    expect(refused.data).toEqual({ detail: "Invalid version in URL path." });
  });

  it("takes the namespace the API is mounted under as the version (NamespaceVersioning)", async () => {
    const api = await start("v1", new NamespaceVersioning({ allowedVersions: ["v1"] }));
    expect((await api.get("/v1/library/tag/version/")).data).toEqual({ version: "v1" });
    const other = await start("v3", new NamespaceVersioning({ allowedVersions: ["v1"] }));
    const refused = await other.get("/v3/library/tag/");
    expect(refused.status).toBe(404);
    expect(refused.data).toEqual({ detail: "Invalid version in URL path. Does not match any version namespace." });
  });

  it("reads the version from the host name (HostNameVersioning)", async () => {
    const api = await start("api", new HostNameVersioning({ allowedVersions: ["v1", "v2"], defaultVersion: "v1" }));
    expect((await getWithHost(api.origin, "/api/library/tag/version/", "v2.example.com")).data).toEqual({ version: "v2" });
    // Not three labels: the default version.
    expect((await getWithHost(api.origin, "/api/library/tag/version/", "localhost:8000")).data).toEqual({ version: "v1" });
    const refused = await getWithHost(api.origin, "/api/library/tag/", "v7.example.com");
    expect(refused).toEqual({ status: 404, data: { detail: "Invalid version in hostname." } });
  });

  it("reads the version from ?version= with the app's DEFAULT_VERSION and VERSION_PARAM (QueryParameterVersioning)", async () => {
    const api = await start("api", new QueryParameterVersioning(), { defaultVersion: "1", allowedVersions: ["1", "2"], versionParam: "v" });
    expect((await api.get("/api/library/tag/version/?v=2")).data).toEqual({ version: "2" });
    expect((await api.get("/api/library/tag/version/")).data).toEqual({ version: "1" });
    const refused = await api.get("/api/library/tag/?v=5");
    expect(refused.data).toEqual({ detail: "Invalid version in query parameter." });
  });

  it("leaves request.version null without a scheme", async () => {
    const api = await serveHttp(restifyApp("api", { only: true, models: [[Tag, tagOptions]] }));
    servers.push(api);
    expect((await api.get("/api/library/tag/version/?version=2")).data).toEqual({ version: null });
  });
});
