/**
 * Paired measurement for a noisy machine: two sides measured alternately (A B, B A, A B ...)
 * over several rounds, so that load from elsewhere lands on both alike. What counts is the
 * median of the per-round ratios, beside the CPU time per operation (wall time alone rises and
 * falls with the neighbours; CPU time per operation much less so).
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { median } from "./support.js";

/** One measurement of one side: a throughput or a duration, and the CPU it cost per operation. */
export interface Sample {
  /** ops/s (higher is better) or ms (lower is better), as the caller's `unit` says. */
  value: number;
  /** CPU time (user + system) per operation, in microseconds. */
  cpuUsPerOp: number;
}

export interface PairedRun {
  name: string;
  sides: readonly [string, string];
  samples: [Sample[], Sample[]];
  /** 1-minute load average at the start of each round. */
  loads: number[];
}

/**
 * Runs `measure` for both sides, `rounds` times, alternating which side goes first, and
 * prints one line per sample as it comes.
 */
export async function runPaired(
  name: string,
  sides: readonly [string, string],
  rounds: number,
  measure: (side: 0 | 1) => Promise<Sample>,
  unit: string,
): Promise<PairedRun> {
  const run: PairedRun = { name, sides, samples: [[], []], loads: [] };
  for (let round = 0; round < rounds; round++) {
    run.loads.push(os.loadavg()[0]!);
    const order: (0 | 1)[] = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of order) {
      const sample = await measure(side);
      run.samples[side].push(sample);
      console.log(`  round ${round + 1} ${name.padEnd(22)} ${sides[side].padEnd(10)} ${sample.value.toFixed(2).padStart(10)} ${unit}  ${sample.cpuUsPerOp.toFixed(1).padStart(8)} µs CPU/op`);
    }
  }
  return run;
}

export interface PairedSummary {
  name: string;
  a: number;
  b: number;
  /** Median over rounds of a/b (throughput) or a/b (duration): the caller says which is better. */
  ratio: number;
  cpuA: number;
  cpuB: number;
  cpuRatio: number;
  loads: number[];
  /** Set when a round's ratio is more than 20% away from the median ratio. */
  note: string;
}

export function summarize(run: PairedRun): PairedSummary {
  const [as, bs] = run.samples;
  const ratios = as.map((s, i) => s.value / bs[i]!.value);
  const ratio = median(ratios);
  const cpuA = median(as.map((s) => s.cpuUsPerOp));
  const cpuB = median(bs.map((s) => s.cpuUsPerOp));
  const spread = ratios.filter((r) => Math.abs(r - ratio) / ratio > 0.2);
  return {
    name: run.name,
    a: median(as.map((s) => s.value)),
    b: median(bs.map((s) => s.value)),
    ratio,
    cpuA,
    cpuB,
    cpuRatio: cpuA / cpuB,
    loads: run.loads,
    note: spread.length ? `rounds disagree by >20% (ratios ${ratios.map((r) => r.toFixed(2)).join(", ")})` : "",
  };
}

/** Prints the summaries as a Markdown table. */
export function printPaired(title: string, unit: string, rows: PairedSummary[], sides: readonly [string, string]): void {
  const [a, b] = sides;
  console.log(`\n${title}`);
  console.log(`| workload | ${a} (${unit}) | ${b} (${unit}) | ${a}/${b} (paired median) | CPU µs/op ${a} | CPU µs/op ${b} | CPU ratio | load avg per round | note |`);
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.a.toFixed(2)} | ${r.b.toFixed(2)} | ${r.ratio.toFixed(2)}x | ${r.cpuA.toFixed(1)} | ${r.cpuB.toFixed(1)} | ${r.cpuRatio.toFixed(2)}x | ${r.loads.map((l) => l.toFixed(1)).join(" ")} | ${r.note} |`);
  }
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ (`getconf CLK_TCK`), which /proc reports in.

/** CPU time (user + system) a process has used so far, in microseconds, from /proc/<pid>/stat. */
export function processCpuUs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1e6) / TICKS_PER_SECOND;
}

/** CPU time this process has used so far, in microseconds. */
export function ownCpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Wall time (ms) and CPU per operation of `ops` operations done by `fn`, in this process. */
export async function timeOps(ops: number, fn: () => unknown): Promise<Sample> {
  const cpu = ownCpuUs();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  return { value: wall, cpuUsPerOp: (ownCpuUs() - cpu) / ops };
}
