/**
 * Measuring helpers shared by the phases: clocks, memory after GC, latency loops and the
 * median/min/max of several runs.
 */

export const MB = 1024 * 1024;

/** Runs a full GC (twice, so weak and finalized objects go too); needs `--expose-gc`. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('The benchmark children need node --expose-gc.');
  gc();
  gc();
}

/**
 * Memory in use after a full GC, in bytes: the JavaScript heap plus the typed arrays' and
 * buffers' storage, which lives outside it (Broadsheet's postings are typed arrays).
 */
export function heapAfterGc(): number {
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** The highest resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function rssMb(): number {
  return process.memoryUsage().rss / MB;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface LatencySummary {
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  samples: number;
  /** Median number of matches a query of the set found (what makes a query expensive). */
  medianMatches: number;
}

export interface LatencyOptions {
  /** Stop once this much time has passed and at least `minSamples` were taken. */
  seconds: number;
  /** Default 20 (or the whole set when it is smaller). */
  minSamples?: number;
  /** Default 2000. */
  maxSamples?: number;
  /** Stop after this long even short of `minSamples` (at least 3 taken); default 10 × `seconds`. */
  hardSeconds?: number;
  /**
   * Go round the set again when it is used up. Off by default: each measured query is then one
   * the engine has not seen, so a result cache cannot answer it.
   */
  repeat?: boolean;
}

/**
 * Runs the queries in order, timing each, until the set is used up (or, with `repeat`, until
 * `maxSamples`), or `seconds` have passed after at least `minSamples` (ten times as long at
 * most, for queries that take seconds each). `run` returns the number of matches.
 */
export async function measureLatency<Q>(
  queries: readonly Q[],
  run: (query: Q) => number | Promise<number>,
  options: LatencyOptions,
): Promise<LatencySummary> {
  if (queries.length === 0) throw new Error('no queries to measure');
  const maxSamples = options.maxSamples ?? 2000;
  const minSamples = Math.min(options.minSamples ?? 20, queries.length);
  const samples: number[] = [];
  const matches: number[] = [];
  const started = performance.now();
  for (let i = 0; options.repeat === true || i < queries.length; i++) {
    const query = queries[i % queries.length]!;
    const start = performance.now();
    const found = await run(query);
    samples.push(performance.now() - start);
    if (i < queries.length) matches.push(found);
    if (samples.length >= maxSamples) break;
    const elapsed = (performance.now() - started) / 1000;
    if (samples.length >= minSamples && elapsed >= options.seconds) break;
    if (samples.length >= Math.min(3, minSamples) && elapsed >= (options.hardSeconds ?? 10 * options.seconds)) break;
  }
  return summarize(samples, median(matches));
}

export function summarize(samples: readonly number[], medianMatches: number): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: sum / sorted.length,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    samples: sorted.length,
    medianMatches,
  };
}

/** A measurement over several runs. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function isStat(value: unknown): value is Stat {
  return typeof value === 'object' && value !== null && 'median' in value && 'runs' in value && Array.isArray((value as Stat).runs);
}

/**
 * Combines the results of several runs, key by key: numbers become a {@link Stat}, objects are
 * combined recursively, anything else (an error message) is kept once per distinct value.
 * A phase that failed in one run and not in another keeps both its numbers and its error.
 */
export function aggregateRuns(runs: readonly unknown[]): unknown {
  const present = runs.filter((run) => run !== undefined && run !== null);
  if (present.length === 0) return undefined;
  if (present.every((run) => typeof run === 'number')) {
    const values = present as number[];
    const finite = values.filter((value) => Number.isFinite(value));
    return {
      median: median(finite),
      min: finite.length === 0 ? Number.NaN : Math.min(...finite),
      max: finite.length === 0 ? Number.NaN : Math.max(...finite),
      runs: values,
    } satisfies Stat;
  }
  if (present.every((run) => typeof run === 'object' && !Array.isArray(run))) {
    const keys = [...new Set(present.flatMap((run) => Object.keys(run as object)))];
    const combined: Record<string, unknown> = {};
    for (const key of keys) {
      const value = aggregateRuns(present.map((run) => (run as Record<string, unknown>)[key]));
      if (value !== undefined) combined[key] = value;
    }
    return combined;
  }
  const distinct = [...new Set(present.map((run) => (typeof run === 'object' ? JSON.stringify(run) : String(run))))];
  return distinct.length === 1 ? present[0] : distinct;
}

/** Writes a progress line on stderr, with the time since the benchmark started. */
export function progress(message: string): void {
  const since = Number(process.env.BENCH_STARTED_AT ?? Date.now());
  const seconds = ((Date.now() - since) / 1000).toFixed(0).padStart(5);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

/** An error as one line for the results. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
