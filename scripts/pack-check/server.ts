// The models on node:http: the README's "REST from models" server.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { closeDatabases, createTables } from "torest";
import { restifyApp } from "torest/rest";
import { models } from "./models.js";

await createTables(models); // DATABASE_URL, else db.sqlite3
const server = http.createServer(restifyApp("rest/v1"));
server.listen(Number(process.env.PORT ?? 8000), "127.0.0.1", () => {
  console.log(`serving at http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
process.once("SIGTERM", () => server.close(() => void closeDatabases().then(() => process.exit(0))));
