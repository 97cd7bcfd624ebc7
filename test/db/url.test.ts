import { describe, expect, it } from "vitest";
import { ImproperlyConfigured, parseDatabaseUrl } from "torest";
import { dbName } from "../support/db.js";

describe(dbName("database URLs"), () => {
  it("parses SQLite files and memory databases", () => {
    expect(parseDatabaseUrl("sqlite::memory:")).toEqual({ vendor: "sqlite", filename: ":memory:" });
    expect(parseDatabaseUrl("sqlite:///db.sqlite3")).toEqual({ vendor: "sqlite", filename: "db.sqlite3" });
    expect(parseDatabaseUrl("sqlite:////var/data/app.db")).toEqual({ vendor: "sqlite", filename: "/var/data/app.db" });
  });

  it("parses PostgreSQL URLs with defaults for the parts left out", () => {
    expect(parseDatabaseUrl("postgres://app:s%40cret@db.internal:6543/shop?pool=20")).toEqual({
      vendor: "postgres", host: "db.internal", port: 6543, user: "app", password: "s@cret", database: "shop", poolSize: 20,
    });
    expect(parseDatabaseUrl("postgresql://127.0.0.1/shop")).toMatchObject({ vendor: "postgres", port: 5432, user: "postgres", database: "shop" });
  });

  it("parses MySQL and MariaDB URLs", () => {
    expect(parseDatabaseUrl("mysql://root@127.0.0.1:3306/test")).toEqual({
      vendor: "mysql", host: "127.0.0.1", port: 3306, user: "root", password: "", database: "test",
    });
    expect(parseDatabaseUrl("mariadb://u:p@h/d")).toMatchObject({ vendor: "mysql", port: 3306, user: "u", password: "p", database: "d" });
  });

  it("reads TLS settings from sslmode (libpq's names) or ssl", () => {
    expect(parseDatabaseUrl("postgres://h/d?sslmode=require").ssl).toBe("require");
    expect(parseDatabaseUrl("postgres://h/d?sslmode=verify-full").ssl).toBe("verify");
    expect(parseDatabaseUrl("mysql://h/d?ssl=true").ssl).toBe("require");
    expect(parseDatabaseUrl("postgres://h/d?sslmode=disable").ssl).toBeUndefined();
    expect(parseDatabaseUrl("postgres://h/d").ssl).toBeUndefined();
    expect(() => parseDatabaseUrl("postgres://h/d?sslmode=sometimes")).toThrow("Unknown sslmode 'sometimes'. Use disable, require, verify-ca or verify-full.");
  });

  it("rejects unknown schemes and malformed URLs with a clear message", () => {
    expect(() => parseDatabaseUrl("oracle://x/y")).toThrow(ImproperlyConfigured);
    expect(() => parseDatabaseUrl("oracle://x/y")).toThrow("Unsupported database URL scheme 'oracle'. Use sqlite, postgres or mysql.");
    expect(() => parseDatabaseUrl("not a url")).toThrow("Invalid database URL 'not a url'.");
  });
});
