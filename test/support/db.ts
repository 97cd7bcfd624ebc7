import { afterAll, beforeAll } from "vitest";
import { closeDatabases, configureDatabases, createTables, getBackend } from "torest";
import type { Features } from "../../src/db/features.js";
import { mysqlFeatures } from "../../src/db/mysql/features.js";
import { postgresFeatures } from "../../src/db/postgres/features.js";
import { sqliteFeatures } from "../../src/db/sqlite/features.js";

/** The database this run targets: sqlite (default), postgres or mysql. */
export const TEST_DB = (process.env.TOREST_TEST_DB ?? "sqlite") as "sqlite" | "postgres" | "mysql";

/** Test name prefix, so reports say which backend ran: `sqlite: one-to-one`. */
export const dbName = (name: string) => `${TEST_DB}: ${name}`;

/** URL of a fresh database for this test file. */
async function freshDatabaseUrl(): Promise<string> {
  if (TEST_DB === "sqlite") return "sqlite::memory:";
  const { createTestDatabase } = await import("./server-databases.js");
  return createTestDatabase(TEST_DB);
}

/** A fresh, empty database for this file and how to drop it (SQLite: in memory, nothing to drop). */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = await freshDatabaseUrl();
  if (TEST_DB === "sqlite") return { url, drop: async () => undefined };
  const { dropTestDatabase } = await import("./server-databases.js");
  return { url, drop: () => dropTestDatabase(TEST_DB, url) };
}

/**
 * Give this test file a fresh, empty database with the tables of `models`; closed (and for
 * client/server databases dropped) after the file.
 */
export function useTestDatabase(models: Function[]): void {
  let cleanup: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const url = await freshDatabaseUrl();
    if (TEST_DB !== "sqlite") {
      // Set before anything can fail, so that a broken file still drops its database.
      const { dropTestDatabase } = await import("./server-databases.js");
      cleanup = () => dropTestDatabase(TEST_DB, url);
    }
    configureDatabases({ default: url });
    await createTables(models);
  });
  afterAll(async () => {
    await closeDatabases();
    await cleanup?.();
  });
}

/** The current backend's capabilities, for feature-based skips. */
export function features(): Features {
  return getBackend().features;
}

/**
 * The target backend's capabilities, known before any database is opened: for `it.skipIf` /
 * `it.runIf` at collection time (`features()` needs the open database).
 */
export const testFeatures: Features = { sqlite: sqliteFeatures, postgres: postgresFeatures, mysql: mysqlFeatures }[TEST_DB];
