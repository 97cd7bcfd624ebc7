/** Small timing helpers shared by the benchmarks: medians of repeated runs, printed as a table. */
export interface Measurement {
  name: string;
  torestMs: number;
  rawMs: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time of `runs` calls (after one warm-up call). */
export async function time(runs: number, fn: () => unknown): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export function printTable(title: string, rows: Measurement[]): void {
  console.log(`\n${title}`);
  console.log("| operation | torest (ms) | raw driver (ms) | ratio |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.torestMs.toFixed(2)} | ${r.rawMs.toFixed(2)} | ${(r.torestMs / r.rawMs).toFixed(2)}x |`);
  }
}

/** Median insert time over `runs` rounds, emptying the table (untimed) before each. */
export async function timeInsert(runs: number, empty: () => unknown, insert: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await empty();
    const start = performance.now();
    await insert();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
