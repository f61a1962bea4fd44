import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { BenchUsageError, heapFor, HELP, parseBenchArgs, type BenchOptions } from './args.ts';
import { GENERATOR_VERSION, writeSyntheticCorpus } from './generate-corpus.ts';
import type { HttpResult } from './http-load.ts';
import { aggregateRuns, describeFailure, progress } from './measure.ts';
import type { BuildResult, LoadResult } from './phase-broadsheet.ts';
import type { FloorResult } from './phase-floor.ts';
import type { MiniSearchResult } from './phase-minisearch.ts';
import type { CorpusProfile, QuerySet } from './query-set.ts';
import { computeRatios, renderMarkdown, renderText } from './report.ts';
import type { BenchReport, CorpusReport, Failed, RunResult } from './results.ts';
import { measureServeStart } from './serve-start.ts';
import { REPO_ROOT, runChild, startChild, stopChild } from './spawn-child.ts';
import { loadVocabulary, type Vocabulary } from './vocabulary.ts';

/**
 * `npm run bench`: for each corpus (synthetic sizes, then real JSONL files), every phase of
 * every run in a fresh child process; then the tables on stdout and the results as JSON and
 * Markdown in the output folder. Progress goes to stderr.
 */

interface CorpusPlan {
  name: string;
  title: string;
  kind: 'synthetic' | 'file';
  articles?: number;
  path?: string;
}

async function main(argv: string[]): Promise<number> {
  process.env.BENCH_STARTED_AT ??= String(Date.now());
  let options: BenchOptions | undefined;
  try {
    options = parseBenchArgs(argv, REPO_ROOT);
  } catch (error) {
    if (error instanceof BenchUsageError) {
      process.stderr.write(`bench: ${error.message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
  if (options === undefined) {
    process.stdout.write(HELP);
    return 0;
  }

  const startedAt = new Date();
  const workDir = join(options.outDir, 'work');
  await mkdir(workDir, { recursive: true });

  const plans: CorpusPlan[] = [
    ...options.sizes.map((articles): CorpusPlan => ({ name: `synthetic-${sizeLabel(articles)}`, title: `Synthetic ${sizeLabel(articles)}`, kind: 'synthetic', articles })),
    ...options.corpora.map((path): CorpusPlan => {
      const name = /^articles\.jsonl$/i.test(basename(path)) ? basename(dirname(path)) : basename(path).replace(/\.[^.]+$/, '');
      return { name, title: `${name} (${relative(REPO_ROOT, path)})`, kind: 'file', path };
    }),
  ];
  progress(`measuring ${plans.map((plan) => plan.name).join(', ')}; ${options.runs} run(s) each${options.http ? '' : ', no HTTP'}`);

  let vocabulary: Vocabulary | undefined;
  const corpora: CorpusReport[] = [];
  const created: string[] = [];
  for (const plan of plans) {
    if (plan.kind === 'synthetic' && vocabulary === undefined) {
      vocabulary = await loadVocabulary(join(REPO_ROOT, 'seeds'));
      progress(`vocabulary: ${vocabulary.words.length} words from ${vocabulary.tokens.toLocaleString('en-US')} running words of seeds/ (sha256 ${vocabulary.hash})`);
    }
    corpora.push(await measureCorpus(plan, options, workDir, vocabulary, created));
  }

  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: commandLine(argv),
    argv,
    machine: {
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      cpus: os.cpus().length,
      totalMemoryGB: os.totalmem() / 1024 ** 3,
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      minisearch: await packageVersion('minisearch'),
    },
    git: gitState(),
    corpora,
  };

  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(join(options.outDir, `${stamp}.json`), json);
  await writeFile(join(options.outDir, 'latest.json'), json);
  await writeFile(join(options.outDir, 'latest.md'), renderMarkdown(report));
  process.stdout.write(renderText(report));
  progress(`wrote ${join(options.outDir, `${stamp}.json`)}, latest.json and latest.md`);

  if (!options.keepWork) {
    for (const path of created) await rm(path, { force: true });
    // Only when empty: the folder may hold what someone else put there.
    await rmdir(workDir).catch(() => {});
  }
  return 0;
}

/** Measures one corpus over all runs; `created` collects the work files to remove at the end. */
async function measureCorpus(plan: CorpusPlan, options: BenchOptions, workDir: string, vocabulary: Vocabulary | undefined, created: string[]): Promise<CorpusReport> {
  const started = performance.now();
  const errors: string[] = [];
  const label = plan.name;
  let path = plan.path ?? '';
  let generator: CorpusReport['generator'];

  if (plan.kind === 'synthetic') {
    const articles = plan.articles!;
    const voc = vocabulary!;
    path = join(workDir, `synthetic-${articles}-seed${options.seed}-v${GENERATOR_VERSION}-${voc.hash}.jsonl`);
    generator = { version: GENERATOR_VERSION, seed: options.seed, vocabularyWords: voc.words.length, vocabularyHash: voc.hash, vocabularySource: 'seeds/ (real English: State of the Union addresses, Brown corpus press)' };
    if (existsSync(path)) progress(`${label}: reusing ${relative(REPO_ROOT, path)}`);
    else {
      progress(`${label}: generating ${articles.toLocaleString('en-US')} articles`);
      const corpus = await writeSyntheticCorpus(path, { articles, seed: options.seed, vocabulary: voc });
      progress(`${label}: ${(corpus.bytes / 1024 ** 2).toFixed(0)} MB of JSONL`);
    }
    created.push(path);
  }

  const queriesPath = join(workDir, `${label}-queries.json`);
  const snapshot = join(workDir, `${label}.broadsheet`);
  created.push(queriesPath, snapshot);
  let heapMb = heapFor(plan.articles ?? 100_000, options.heapMb);
  let profile: CorpusProfile | undefined;
  let queries: CorpusReport['queries'];
  let firstCommonQuery = 'the';
  const runs: RunResult[] = [];

  try {
    progress(`${label}: drawing ${options.queriesPerType} queries per type from the corpus`);
    profile = await runChild<CorpusProfile>('profile', { corpus: path, seed: options.seed, perType: options.queriesPerType, queries: queriesPath }, { heapMb, workDir });
    heapMb = heapFor(profile.articles, options.heapMb);
    const set = JSON.parse(await readFile(queriesPath, 'utf8')) as QuerySet;
    firstCommonQuery = set.queries.common[0]?.q ?? firstCommonQuery;
    queries = Object.fromEntries(Object.entries(set.queries).map(([type, list]) => [type, list.map(describeQuery)]));
  } catch (error) {
    errors.push(`profile: ${describeFailure(error)}`);
  }

  if (profile !== undefined) {
    const child = { heapMb, workDir };
    const serveTimeout = 120_000 + profile.articles;
    for (let run = 1; run <= options.runs; run++) {
      const tag = `${label} run ${run}/${options.runs}`;
      const result: RunResult = { broadsheet: {} };
      const attempt = async <T>(phase: string, work: () => Promise<T>): Promise<T | Failed> => {
        progress(`${tag}: ${phase}`);
        try {
          return await work();
        } catch (error) {
          const message = describeFailure(error);
          errors.push(`run ${run}, ${phase}: ${message}`);
          progress(`${tag}: ${phase} FAILED: ${message}`);
          return { error: message };
        }
      };
      const built = await attempt('broadsheet build + save', () => runChild<BuildResult>('build', { corpus: path, snapshot }, child));
      if (isFailed(built)) result.broadsheet.build = built;
      else Object.assign(result.broadsheet, built);

      if (!isFailed(built)) {
        const loaded = await attempt('broadsheet load + queries', () =>
          runChild<LoadResult>('load', { snapshot, queries: queriesPath, querySeconds: options.querySeconds }, child),
        );
        if (isFailed(loaded)) result.broadsheet.load = loaded;
        else Object.assign(result.broadsheet, loaded);

        result.broadsheet.serve = await attempt('broadsheet serve start', () => measureServeStart(snapshot, firstCommonQuery, serveTimeout));
        if (options.http) {
          result.http = await attempt('HTTP', () => measureHttp(snapshot, queriesPath, options, heapMb, serveTimeout, workDir));
        }
      }
      result.minisearch = await attempt('MiniSearch baseline', () =>
        runChild<MiniSearchResult>('minisearch', { corpus: path, queries: queriesPath, querySeconds: options.querySeconds }, child),
      );
      result.floor = await attempt('floor', () =>
        runChild<FloorResult>('floor', { corpus: path, queries: queriesPath, querySeconds: options.querySeconds }, child),
      );
      runs.push(result);
      await removeSnapshot(snapshot);
    }
  }

  const results = aggregateRuns(runs) ?? {};
  const elapsedSeconds = (performance.now() - started) / 1000;
  progress(`${label}: done in ${(elapsedSeconds / 60).toFixed(1)} min${errors.length > 0 ? `, ${errors.length} failure(s)` : ''}`);
  const report: CorpusReport = {
    name: plan.name,
    title: plan.title,
    kind: plan.kind,
    path: relative(REPO_ROOT, path),
    runs: runs.length,
    heapMb,
    options: {
      http: options.http,
      httpSeconds: options.httpSeconds,
      connections: options.connections,
      querySeconds: options.querySeconds,
      queriesPerType: options.queriesPerType,
    },
    elapsedSeconds,
    results,
    ratios: computeRatios(results),
    errors,
  };
  if (generator !== undefined) report.generator = generator;
  if (profile !== undefined) report.profile = profile;
  if (queries !== undefined) report.queries = queries;
  return report;
}

/** The HTTP server (startServer) in one process, autocannon and the per-type client in another. */
async function measureHttp(snapshot: string, queries: string, options: BenchOptions, heapMb: number, timeoutMs: number, workDir: string): Promise<HttpResult> {
  const { child, match } = await startChild('server', { snapshot }, { heapMb, ready: /^LISTENING (\S+)/, timeoutMs });
  try {
    return await runChild<HttpResult>(
      'http-load',
      { url: match[1]!, queries, querySeconds: options.querySeconds, httpSeconds: options.httpSeconds, connections: options.connections, seed: options.seed },
      { heapMb: 4096, workDir },
    );
  } finally {
    await stopChild(child);
  }
}

/** The snapshot and any temporary file a killed save left beside it. */
async function removeSnapshot(snapshot: string): Promise<void> {
  await rm(snapshot, { force: true });
  const prefix = `${basename(snapshot)}.`;
  for (const name of await readdir(dirname(snapshot))) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(join(dirname(snapshot), name), { force: true });
  }
}

function isFailed(value: object): value is Failed {
  return 'error' in value && Object.keys(value).length === 1;
}

function describeQuery(query: QuerySet['queries']['common'][number]): string {
  const filters = [
    ...query.sources.map((source) => `source=${source}`),
    ...query.tags.map((tag) => `tag=${tag}`),
    ...(query.from === undefined ? [] : [`from=${query.from}`]),
    ...(query.to === undefined ? [] : [`to=${query.to}`]),
    ...(query.sort === 'relevance' ? [] : [`sort=${query.sort}`]),
  ];
  return filters.length === 0 ? query.q : `${query.q} [${filters.join(' ')}]`;
}

function sizeLabel(articles: number): string {
  if (articles >= 1_000_000 && articles % 1_000_000 === 0) return `${articles / 1_000_000}m`;
  if (articles >= 1000 && articles % 1000 === 0) return `${articles / 1000}k`;
  return String(articles);
}

function commandLine(argv: string[]): string {
  const quoted = argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`));
  return process.env.npm_lifecycle_event === 'bench'
    ? ['npm run bench', ...(quoted.length > 0 ? ['--', ...quoted] : [])].join(' ')
    : ['node --import tsx --max-semi-space-size=64 bench/run-bench.ts', ...quoted].join(' ');
}

async function packageVersion(name: string): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function gitState(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'views', 'bin'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

process.exitCode = await main(process.argv.slice(2));
