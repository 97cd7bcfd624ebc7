import { describe, expect, it } from "vitest";
import { atomic, CharField, closeDatabases, configureDatabases, getBackend, Model, OperationalError, type Manager } from "torest";
import { dbName, TEST_DB, useTestDatabase } from "../support/db.js";
import { sessionControl } from "../support/sessions.js";

class Ping extends Model("dbrec", {
  name: CharField({ maxLength: 20 }),
}) {
  declare static objects: Manager<Ping>;
}

useTestDatabase([Ping]);

/** Kill `count` pooled connections' server sessions while they sit idle in the pool. */
async function killIdleSessions(count: number): Promise<void> {
  const backend = getBackend();
  const held = await Promise.all(Array.from({ length: count + 1 }, () => backend.acquire()));
  const [killer, ...victims] = held;
  for (const victim of victims) {
    const [[id]] = (await victim.query(sessionControl!.currentId, [])) as [[unknown]];
    await killer!.query(sessionControl!.kill(id), []);
  }
  for (const connection of held) connection.release();
}

// SQLite is embedded: there is no server connection to lose.
describe.skipIf(!sessionControl)(dbName("a lost connection"), () => {
  it("fails the transaction that held it with OperationalError, and the pool recovers", async () => {
    const backend = getBackend();
    const { executorFor } = await import("../../src/db/transaction.js");
    await Ping.objects.create({ name: "before" });
    const error = await atomic(async () => {
      const executor = executorFor(backend);
      const [[id]] = (await executor.query(sessionControl!.currentId, [])) as [[unknown]];
      await backend.query(sessionControl!.kill(id), []); // from another pooled connection
      await new Promise((resolve) => setTimeout(resolve, 50));
      await executor.query("SELECT 1", []);
    }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OperationalError);
    expect((error as Error).message).toMatch(/Lost the connection/);
    // The next statements get a working connection without any intervention.
    await Ping.objects.create({ name: "after" });
    expect((await Ping.objects.orderBy("id")).map((p) => p.name)).toEqual(["before", "after"]);
    expect(backend.busyConnections()).toBe(0);
  });

  it("idle pooled connections killed by the server are replaced", async () => {
    const backend = getBackend();
    await killIdleSessions(4);
    // The driver notices the closed sockets and drops those connections; new ones are opened.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const counts = await Promise.all(Array.from({ length: 8 }, () => Ping.objects.count()));
    expect(counts).toEqual(Array(8).fill(2));
    await expect(Ping.objects.count()).resolves.toBe(2);
    await expect(atomic(() => Ping.objects.count())).resolves.toBe(2);
    expect(backend.busyConnections()).toBe(0);
  });

  it("a server that does not answer gives a clear OperationalError, not a hang", async () => {
    configureDatabases({ nowhere: `${TEST_DB}://127.0.0.1:1/nothing` });
    const error = await getBackend("nowhere").query("SELECT 1", []).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OperationalError);
    expect((error as Error).message).toMatch(/^Could not connect to the .* server \(ECONNREFUSED.*Is it running, and is the database URL right\?$/s);
    await expect(atomic(() => getBackend("nowhere").query("SELECT 1", []), { using: "nowhere" })).rejects.toBeInstanceOf(OperationalError);
    expect(getBackend("nowhere").busyConnections()).toBe(0);
    await closeDatabases("nowhere");
  });

  it("a closed database refuses work with a clear error", async () => {
    const { freshDatabase } = await import("../support/db.js");
    const { url, drop } = await freshDatabase();
    configureDatabases({ shortlived: url });
    const backend = getBackend("shortlived");
    await backend.query("SELECT 1", []);
    await closeDatabases("shortlived");
    await expect(backend.query("SELECT 1", [])).rejects.toThrow("Database 'shortlived' is closed; getBackend() opens it again.");
    await expect(backend.acquire()).rejects.toBeInstanceOf(OperationalError);
    await drop();
  });
});
