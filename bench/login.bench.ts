// Login cost with Django's default PBKDF2 (1,000,000 iterations of SHA-256): logins per second
// and the event-loop delay while a burst of logins runs. Hashing runs on libuv's thread pool
// (async node:crypto), so the loop should stay responsive.
//
//   UV_THREADPOOL_SIZE=1 npx tsx bench/login.bench.ts     one hashing thread = one core
//   npx tsx bench/login.bench.ts 16                        burst size (default 8)
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { closeDatabases, configureDatabases, createTables } from "torest";
import * as auth from "torest/auth";

const burst = Number(process.argv[2] ?? 8);
configureDatabases({ default: "sqlite::memory:" });
await createTables([...auth.models]);
await auth.User.objects.createUser("bench", { password: "correct horse battery staple" });

// Sequential logins: the cost of one login, one at a time.
const sequential = 4;
let start = performance.now();
for (let i = 0; i < sequential; i++) {
  if (!(await auth.authenticate({ username: "bench", password: "correct horse battery staple" }))) throw new Error("login failed");
}
const perLogin = (performance.now() - start) / sequential;

// A burst of concurrent logins, with the event loop's delay sampled every 10 ms.
const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
start = performance.now();
await Promise.all(Array.from({ length: burst }, () => auth.authenticate({ username: "bench", password: "correct horse battery staple" })));
const burstMs = performance.now() - start;
histogram.disable();
await closeDatabases();

const ms = (ns: number) => (ns / 1e6).toFixed(1);
console.log(JSON.stringify({
  iterations: auth.PBKDF2_ITERATIONS,
  threadPool: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
  sequentialMsPerLogin: Number(perLogin.toFixed(1)),
  sequentialLoginsPerSecond: Number((1000 / perLogin).toFixed(2)),
  burst,
  burstLoginsPerSecond: Number((burst / (burstMs / 1000)).toFixed(2)),
  eventLoopDelayMs: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  cpus: os.cpus().length,
}, null, 2));
