/** Creating and dropping per-file databases on PostgreSQL and MariaDB (see issue: backends). */
export async function createTestDatabase(vendor: "postgres" | "mysql"): Promise<string> {
  throw new Error(`The ${vendor} test database support is not available yet.`);
}

export async function dropTestDatabase(_vendor: "postgres" | "mysql", _url: string): Promise<void> {}
