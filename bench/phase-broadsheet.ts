import { readFile } from 'node:fs/promises';
import { buildIndex } from '../src/index/article-index.ts';
import { saveSnapshot } from '../src/index/snapshot.ts';
import { readArticles } from '../src/ingest/index.ts';
import { openLibrary } from '../src/query/create-library.ts';
import { heapAfterGc, MB, measureLatency, peakRssMb, progress, rssMb, timed, type LatencySummary } from './measure.ts';
import { QUERY_TYPES, toSearchRequest, type QuerySet, type QueryType } from './query-set.ts';

/**
 * Broadsheet through its real pipeline: `readArticles` (the ingest stage), `buildIndex`,
 * `saveSnapshot`; then, in a fresh process, `openLibrary` and `library.search`.
 */

export interface BuildResult {
  ingest: { readMs: number; articles: number; problems: number; textMB: number };
  build: {
    ms: number;
    articlesPerSec: number;
    mbPerSec: number;
    /** Highest RSS of the process (ingest + build), MB. */
    peakRssMB: number;
    /** Heap the index adds on top of the articles already read, per article, bytes. */
    indexHeapBytesPerArticle: number;
    /** All heap in use after GC with the index built (articles, index, code), per article, bytes. */
    totalHeapBytesPerArticle: number;
  };
  save: { ms: number; bytes: number; peakRssMB: number };
}

export async function buildPhase(args: { corpus: string; snapshot: string }): Promise<BuildResult> {
  progress(`reading ${args.corpus} through the ingest stage`);
  const read = await timed(() => readArticles([args.corpus]));
  const { articles, problems } = read.value;
  let textBytes = 0;
  for (const article of articles) textBytes += Buffer.byteLength(article.title) + Buffer.byteLength(article.body);
  progress(`read ${articles.length} articles (${(textBytes / MB).toFixed(1)} MB of text) in ${(read.ms / 1000).toFixed(1)} s; buildIndex...`);

  const heapBefore = heapAfterGc();
  const built = await timed(() => buildIndex(articles));
  const index = built.value;
  const heapAfter = heapAfterGc();
  const buildPeak = peakRssMb();
  progress(`buildIndex took ${(built.ms / 1000).toFixed(1)} s (${Math.round(articles.length / (built.ms / 1000))} articles/s); saveSnapshot...`);

  const saved = await timed(() => saveSnapshot(index, args.snapshot));
  progress(`saveSnapshot took ${(saved.ms / 1000).toFixed(1)} s, ${(saved.value.bytes / MB).toFixed(1)} MB`);
  const documents = index.size;
  return {
    ingest: { readMs: read.ms, articles: articles.length, problems: problems.length, textMB: textBytes / MB },
    build: {
      ms: built.ms,
      articlesPerSec: documents / (built.ms / 1000),
      mbPerSec: textBytes / MB / (built.ms / 1000),
      peakRssMB: buildPeak,
      indexHeapBytesPerArticle: (heapAfter - heapBefore) / documents,
      totalHeapBytesPerArticle: heapAfter / documents,
    },
    save: { ms: saved.ms, bytes: saved.value.bytes, peakRssMB: peakRssMb() },
  };
}

export interface LoadResult {
  load: {
    ms: number;
    /** Heap after GC with the library open, per article, bytes (what a server holds). */
    heapBytesPerArticle: number;
    rssMB: number;
    peakRssMB: number;
  };
  /** Each query seen for the first time by this process. */
  queries: Record<QueryType, LatencySummary>;
  /** Ten queries of each type, asked again and again after the first pass. */
  repeated: Record<QueryType, LatencySummary>;
}

export async function loadPhase(args: { snapshot: string; queries: string; querySeconds: number }): Promise<LoadResult> {
  const set = JSON.parse(await readFile(args.queries, 'utf8')) as QuerySet;
  const heapBefore = heapAfterGc();
  const opened = await timed(() => openLibrary(args.snapshot));
  const library = opened.value;
  const heapAfter = heapAfterGc();
  const load = { ms: opened.ms, heapBytesPerArticle: 0, rssMB: rssMb(), peakRssMB: peakRssMb() };
  const documents = library.stats().documents;
  load.heapBytesPerArticle = (heapAfter - heapBefore) / documents;
  progress(`openLibrary took ${(opened.ms / 1000).toFixed(1)} s; measuring queries through library.search`);

  // The warm-up queries (one per type, never measured) first, so the first type measured does not pay for everyone's JIT.
  for (const query of set.warmup) library.search(toSearchRequest(query));
  const queries = {} as Record<QueryType, LatencySummary>;
  for (const type of QUERY_TYPES) {
    const requests = set.queries[type].map(toSearchRequest);
    queries[type] = await measureLatency(requests, (request) => library.search(request).total, { seconds: args.querySeconds });
    progress(`  broadsheet ${type.padEnd(8)} p50 ${queries[type].p50Ms.toFixed(2)} ms, p99 ${queries[type].p99Ms.toFixed(2)} ms (${queries[type].samples} samples)`);
  }
  // The same requests again: what a repeated search costs (a result cache shows here).
  const repeated = {} as Record<QueryType, LatencySummary>;
  for (const type of QUERY_TYPES) {
    const requests = set.queries[type].slice(0, 10).map(toSearchRequest);
    repeated[type] = await measureLatency(requests, (request) => library.search(request).total, {
      seconds: Math.min(1, args.querySeconds),
      repeat: true,
      minSamples: 20,
    });
  }
  return { load, queries, repeated };
}
