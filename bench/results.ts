import type { HttpResult } from './http-load.ts';
import type { BuildResult, LoadResult } from './phase-broadsheet.ts';
import type { FloorResult } from './phase-floor.ts';
import type { MiniSearchResult } from './phase-minisearch.ts';
import type { CorpusProfile } from './query-set.ts';
import type { ServeStartResult } from './serve-start.ts';

/** The shape of `bench/results/*.json`. */

/** A phase that failed (a child that died, a heap limit, a timeout), said in one line. */
export interface Failed {
  error: string;
}

/** One run over one corpus: each phase's numbers, or its failure. */
export interface RunResult {
  broadsheet: {
    ingest?: BuildResult['ingest'];
    build?: BuildResult['build'] | Failed;
    save?: BuildResult['save'];
    load?: LoadResult['load'] | Failed;
    queries?: LoadResult['queries'];
    serve?: ServeStartResult | Failed;
  };
  http?: HttpResult | Failed;
  minisearch?: MiniSearchResult | Failed;
  floor?: FloorResult | Failed;
}

export interface CorpusReport {
  /** `synthetic-100k`, `reuters21578`. */
  name: string;
  title: string;
  kind: 'synthetic' | 'file';
  /** The JSONL file measured (synthetic ones are generated into the work folder). */
  path: string;
  generator?: { version: number; seed: number; vocabularyWords: number; vocabularyHash: string; vocabularySource: string };
  profile?: CorpusProfile;
  runs: number;
  heapMb: number;
  options: { http: boolean; httpSeconds: number; connections: number[]; querySeconds: number; queriesPerType: number };
  elapsedSeconds: number;
  /**
   * Every measurement over the runs: each number of {@link RunResult} becomes
   * `{median, min, max, runs}`; a phase that failed has `{error}` instead.
   */
  results: unknown;
  /** Ours over MiniSearch and over the floor, ratios of medians. */
  ratios: Record<string, number>;
  /** `run 2, minisearch: ...` for every phase that failed. */
  errors: string[];
  /** The queries measured, per type (the `q` strings). */
  queries?: Record<string, string[]>;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  command: string;
  argv: string[];
  machine: { cpuModel: string; cpus: number; totalMemoryGB: number; node: string; platform: string; minisearch: string };
  git: { commit: string; dirty: boolean };
  corpora: CorpusReport[];
}
