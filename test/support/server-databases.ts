import mysql from "mysql2/promise";
import pg from "pg";
import { parseDatabaseUrl } from "torest";

/**
 * Per-file databases on the PostgreSQL and MariaDB/MySQL servers: each test file gets a fresh,
 * uniquely named database, dropped after the file. The admin connections default to the CI
 * machines' servers and can be pointed elsewhere with TOREST_TEST_POSTGRES_URL / TOREST_TEST_MYSQL_URL.
 */
const ADMIN_URLS = {
  postgres: process.env.TOREST_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  mysql: process.env.TOREST_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test",
} as const;

type Vendor = keyof typeof ADMIN_URLS;

let counter = 0;

/** `torest_test_<pid>_<time>_<n>`: unique across workers and runs on the same server. */
function uniqueName(): string {
  return `torest_test_${process.pid}_${Date.now().toString(36)}_${++counter}`;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(vendor: Vendor, sql: string): Promise<void> {
  const settings = parseDatabaseUrl(ADMIN_URLS[vendor]);
  if (vendor === "postgres") {
    const client = new pg.Client({ host: settings.host, port: settings.port, user: settings.user, password: settings.password || undefined, database: settings.database });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  } else {
    const connection = await mysql.createConnection({ host: settings.host, port: settings.port, user: settings.user, password: settings.password || undefined });
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  }
}

/** Retry a statement that can meet another worker's concurrent CREATE/DROP DATABASE. */
async function retry(fn: () => Promise<void>, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * i));
    }
  }
}

/** Create a fresh database and return its URL. */
export async function createTestDatabase(vendor: Vendor): Promise<string> {
  const name = uniqueName();
  const sql = vendor === "postgres"
    ? `CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`
    : `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`;
  await retry(() => admin(vendor, sql));
  return withDatabase(ADMIN_URLS[vendor], name);
}

/** Drop a database made by `createTestDatabase` (its connections must be closed first). */
export async function dropTestDatabase(vendor: Vendor, url: string): Promise<void> {
  const name = parseDatabaseUrl(url).database;
  if (!name?.startsWith("torest_test_")) throw new Error(`Refusing to drop '${name}': not a torest test database.`);
  const sql = vendor === "postgres" ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``;
  await retry(() => admin(vendor, sql));
}
