import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Synthetic corpus sizes, in articles. */
  sizes: number[];
  /** Real JSONL corpora, absolute paths. */
  corpora: string[];
  runs: number;
  seed: number;
  queriesPerType: number;
  querySeconds: number;
  http: boolean;
  httpSeconds: number;
  connections: number[];
  /** Heap limit of the measuring children in MB; undefined picks one from the corpus size. */
  heapMb?: number;
  outDir: string;
  keepWork: boolean;
}

export const DEFAULT_REAL_CORPUS = '../shared/corpora/news/reuters21578/articles.jsonl';

export const HELP = `Usage: npm run bench -- [options]

Measures Broadsheet (index build, memory, snapshot, serve start, query latency per query type,
HTTP throughput) against raw MiniSearch and a plain Map floor, on synthetic corpora and real ones.

Options:
  --sizes LIST          synthetic corpus sizes (default 10k,100k; e.g. 300k for the scale check,
                        300 for a quick look; "none" for no synthetic corpus)
  --corpus PATH         a real corpus as JSONL, read through the ingest stage; repeatable
                        (default ${DEFAULT_REAL_CORPUS} when it exists; "none" for none)
  --runs N              runs per corpus; tables show the median and [min-max] (default 3)
  --seed N              seed of the corpus generator and the query sets (default 42)
  --queries-per-type N  distinct queries drawn per query type (default 100)
  --query-seconds S     time after which a query type stops being measured, once it has
                        20 samples (default 3)
  --http-seconds S      duration of each autocannon run (default 5)
  --connections LIST    concurrent HTTP clients (default 1,16,64)
  --no-http             skip the HTTP measurements
  --heap-mb N           --max-old-space-size of the measuring processes
                        (default 4096 + 4096 per 100k articles, at most 16384)
  --out DIR             where results go (default bench/results)
  --keep-work           keep generated corpora and snapshots in DIR/work (reused next time)
  -h, --help            this help
`;

export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

/** Reads `12`, `10k`, `1.5m` as a whole number of articles. */
export function parseCount(text: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (match === null) throw new BenchUsageError(`${what} must be a number like 300, 10k or 1m, not "${text}"`);
  const factor = { '': 1, k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
  const value = Math.round(Number(match[1]) * factor);
  if (value < 1) throw new BenchUsageError(`${what} must be at least 1`);
  return value;
}

function positive(text: string | undefined, fallback: number, what: string, integer = true): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new BenchUsageError(`--${what} must be a positive ${integer ? 'whole ' : ''}number, not "${text}"`);
  }
  return value;
}

/** Parses the command line; `undefined` means help was asked for. */
export function parseBenchArgs(argv: string[], repoRoot: string): BenchOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        sizes: { type: 'string' },
        corpus: { type: 'string', multiple: true },
        runs: { type: 'string' },
        seed: { type: 'string' },
        'queries-per-type': { type: 'string' },
        'query-seconds': { type: 'string' },
        'http-seconds': { type: 'string' },
        connections: { type: 'string' },
        'no-http': { type: 'boolean' },
        'heap-mb': { type: 'string' },
        out: { type: 'string' },
        'keep-work': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) return undefined;

  const sizesText = values.sizes ?? '10k,100k';
  const sizes =
    sizesText.trim() === 'none' || sizesText.trim() === ''
      ? []
      : sizesText.split(',').map((part) => parseCount(part, '--sizes'));

  let corpora: string[];
  if (values.corpus === undefined) {
    const fallback = resolve(repoRoot, DEFAULT_REAL_CORPUS);
    corpora = existsSync(fallback) ? [fallback] : [];
  } else {
    corpora = values.corpus.filter((path) => path !== 'none').map((path) => resolve(path));
    for (const path of corpora) {
      if (!existsSync(path)) throw new BenchUsageError(`--corpus ${path} does not exist`);
      if (!/\.(jsonl|ndjson)$/i.test(path)) throw new BenchUsageError(`--corpus ${path} must be a JSONL file`);
    }
  }
  if (sizes.length === 0 && corpora.length === 0) throw new BenchUsageError('nothing to measure: give --sizes or --corpus');

  const connections = (values.connections ?? '1,16,64').split(',').map((part) => positive(part, 1, 'connections'));
  const options: BenchOptions = {
    sizes,
    corpora,
    runs: positive(values.runs, 3, 'runs'),
    seed: values.seed === undefined ? 42 : positive(values.seed, 42, 'seed'),
    queriesPerType: positive(values['queries-per-type'], 100, 'queries-per-type'),
    querySeconds: positive(values['query-seconds'], 3, 'query-seconds', false),
    http: values['no-http'] !== true,
    httpSeconds: positive(values['http-seconds'], 5, 'http-seconds', false),
    connections,
    outDir: resolve(values.out ?? resolve(repoRoot, 'bench/results')),
    keepWork: values['keep-work'] === true,
  };
  if (values['heap-mb'] !== undefined) options.heapMb = positive(values['heap-mb'], 4096, 'heap-mb');
  return options;
}

/** The heap limit of the children for a corpus of `articles`. */
export function heapFor(articles: number, override?: number): number {
  if (override !== undefined) return override;
  return Math.min(16384, 4096 + Math.ceil((articles / 100_000) * 4096));
}
