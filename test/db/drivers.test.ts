// Database drivers and URLs as configuration: clear errors that name what to fix.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases, configureDatabases, getBackend, ImproperlyConfigured } from "torest";
import { loadDriver } from "../../src/db/driver.js";
import { dbName } from "../support/db.js";

const dir = mkdtempSync(path.join(tmpdir(), "torest-drivers-"));
afterAll(async () => {
  await closeDatabases("files");
  rmSync(dir, { recursive: true, force: true });
});

describe(dbName("database drivers"), () => {
  it("loads an installed driver on first use (pg, mysql2 are optional peer dependencies)", () => {
    expect(typeof loadDriver<{ Pool: unknown }>("pg", "postgres").Pool).toBe("function");
    expect(typeof loadDriver<{ createPool: unknown }>("mysql2/promise", "mysql").createPool).toBe("function");
  });

  it("names the package to install when a driver is missing", () => {
    expect(() => loadDriver("torest-missing-driver/promise", "postgres")).toThrow(ImproperlyConfigured);
    expect(() => loadDriver("torest-missing-driver/promise", "postgres")).toThrow(
      'A postgres:// database needs the "torest-missing-driver" package, which is not installed. Install it in your project: npm install torest-missing-driver',
    );
  });

  it("names the path and the URL when an SQLite file cannot be opened", () => {
    const missing = path.join(dir, "no", "such", "folder", "db.sqlite3");
    configureDatabases({ files: `sqlite:///${missing}` });
    expect(() => getBackend("files")).toThrow(ImproperlyConfigured);
    expect(() => getBackend("files")).toThrow(`Cannot open the SQLite database ${missing} (from the database URL sqlite:///${missing})`);
    expect(() => getBackend("files")).toThrow(`Check that the folder ${path.dirname(missing)} exists and is writable`);
  });
});
