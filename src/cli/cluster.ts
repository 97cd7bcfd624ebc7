import cluster from "node:cluster";
import { availableParallelism } from "node:os";

/**
 * `--workers N`: N processes share the listening port through node:cluster (the primary
 * accepts and hands connections round-robin). Each worker is a whole torest server with its
 * own database pool; the primary only forks, restarts a worker that dies unexpectedly, and
 * passes SIGINT/SIGTERM on so that every worker shuts down gracefully.
 *
 * `--workers` alone means one per core.
 */
export function workerCount(option: string | true | undefined): number | null {
  if (option === undefined) return null;
  if (option === true) return availableParallelism();
  const n = Number(option);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new RangeError(`--workers must be a whole number from 1 to 256, got ${option}.`);
  return n;
}

/** In the primary: fork `count` workers and keep them running until a signal stops them all. */
export function runPrimary(count: number, log: (line: string) => void): Promise<number> {
  let stopping = false;
  const fork = () => cluster.fork();
  // The first worker creates missing tables alone; the others start once it listens.
  fork().once("listening", () => {
    for (let i = 1; i < count; i++) fork();
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log(`torest: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (!workers.length) resolve(0);
      let left = workers.length;
      for (const worker of workers) {
        worker?.once("exit", () => {
          if (--left === 0) resolve(0);
        });
        worker?.process.kill(signal);
      }
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
}

export const isClusterPrimary = (): boolean => cluster.isPrimary;
