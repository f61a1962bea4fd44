import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { QUERY_TYPES } from '../../bench/query-set.ts';
import { runNode, type Finished } from '../run-node.ts';

/*
 * `npm run bench` end to end at a tiny size, so the benchmark does not rot: every phase runs
 * (generator, ingest, build, snapshot, load, queries, `broadsheet serve`, HTTP with autocannon,
 * MiniSearch, floor) and every measurement comes out as a finite number. No timing is asserted.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let out: string | undefined;

afterAll(async () => {
  if (out !== undefined) await rm(out, { recursive: true, force: true });
});

function runBench(args: string[]): Promise<Finished> {
  return runNode(['--import', 'tsx', '--max-semi-space-size=64', 'bench/run-bench.ts', ...args], ROOT);
}

/** Every `{median, min, max, runs}` in the results, with its dotted path. */
function stats(value: unknown, path = ''): [string, Record<string, unknown>][] {
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if ('median' in record && Array.isArray(record.runs)) return [[path, record]];
  return Object.entries(record).flatMap(([key, child]) => stats(child, path === '' ? key : `${path}.${key}`));
}

describe('npm run bench', () => {
  it('measures a tiny synthetic corpus end to end and reports every measurement as a finite number', async () => {
    out = await mkdtemp(join(tmpdir(), 'broadsheet-bench-'));
    const run = await runBench([
      '--sizes', '300',
      '--runs', '1',
      '--corpus', 'none',
      '--queries-per-type', '5',
      '--query-seconds', '0.02',
      '--http-seconds', '0.5',
      '--connections', '2',
      '--out', out,
    ]);
    expect(run.stderr).not.toMatch(/FAILED/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Synthetic 300');

    const report = JSON.parse(await readFile(join(out, 'latest.json'), 'utf8'));
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(typeof report.machine.cpuModel).toBe('string');
    expect(report.machine.node).toBe(process.version);
    expect(report.command).toContain('--sizes 300');
    expect(report.corpora).toHaveLength(1);
    const [corpus] = report.corpora;
    expect(corpus.errors).toEqual([]);
    expect(corpus.profile.articles).toBe(300);

    const perType = (prefix: string, keys: string[]) => QUERY_TYPES.flatMap((type) => keys.map((key) => `${prefix}.${type}.${key}`));
    const required = [
      'broadsheet.ingest.readMs',
      'broadsheet.ingest.articles',
      ...['ms', 'articlesPerSec', 'mbPerSec', 'peakRssMB', 'indexHeapBytesPerArticle', 'totalHeapBytesPerArticle'].map((key) => `broadsheet.build.${key}`),
      'broadsheet.save.ms',
      'broadsheet.save.bytes',
      'broadsheet.load.ms',
      'broadsheet.load.heapBytesPerArticle',
      'broadsheet.load.rssMB',
      'broadsheet.serve.listeningMs',
      'broadsheet.serve.firstAnswerMs',
      ...perType('broadsheet.queries', ['p50Ms', 'p99Ms', 'samples', 'medianMatches']),
      ...perType('broadsheet.repeated', ['p50Ms', 'p99Ms']),
      ...['addAllMs', 'articlesPerSec', 'peakRssMB', 'indexHeapBytesPerArticle', 'totalHeapBytesPerArticle'].map((key) => `minisearch.build.${key}`),
      'minisearch.json.bytes',
      'minisearch.json.stringifyMs',
      'minisearch.json.loadJsonMs',
      ...perType('minisearch.queries', ['p50Ms', 'p99Ms', 'samples', 'medianMatches']),
      ...['readMs', 'tokenizeMs', 'readTokenizeMs', 'mapBuildMs', 'mapHeapBytesPerArticle', 'mapQuery.p50Ms', 'mapQuery.p99Ms'].map((key) => `floor.${key}`),
      ...perType('http.perType', ['p50Ms', 'p99Ms']),
      ...['fragment', 'api'].flatMap((route) => ['requestsPerSec', 'p50Ms', 'p99Ms'].map((key) => `http.load.${route}.c2.${key}`)),
    ];
    const found = new Map(stats(corpus.results));
    for (const path of required) {
      const stat = found.get(path);
      expect(stat, path).toBeDefined();
      for (const key of ['median', 'min', 'max'] as const) expect(Number.isFinite(stat![key]), `${path}.${key}`).toBe(true);
    }
    for (const [path, stat] of found) {
      for (const value of stat.runs as unknown[]) expect(Number.isFinite(value), path).toBe(true);
    }
    for (const [name, value] of Object.entries(corpus.ratios)) expect(Number.isFinite(value), `ratio ${name}`).toBe(true);

    const markdown = await readFile(join(out, 'latest.md'), 'utf8');
    expect(markdown).toContain('### Synthetic 300');
    expect(markdown).toContain('| query type |');
  }, 120_000);
});
