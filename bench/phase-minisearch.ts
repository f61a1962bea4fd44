import { readFile } from 'node:fs/promises';
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import { readArticles } from '../src/ingest/index.ts';
import { describeFailure, heapAfterGc, MB, measureLatency, peakRssMb, progress, timed, type LatencySummary } from './measure.ts';
import { PAGE_SIZE, QUERY_TYPES, type BenchQuery, type QuerySet, type QueryType } from './query-set.ts';

/**
 * The baseline: raw MiniSearch with its default options on the same articles (read through the
 * same ingest stage), fields title and body, queried with MiniSearch's own options.
 */

export interface MiniSearchResult {
  build: {
    addAllMs: number;
    articlesPerSec: number;
    mbPerSec: number;
    peakRssMB: number;
    indexHeapBytesPerArticle: number;
    totalHeapBytesPerArticle: number;
  };
  /** `JSON.stringify(miniSearch)`; past V8's string limit it fails, and says so in `error`. */
  json: { stringifyMs: number; bytes: number; loadJsonMs: number } | { error: string };
  queries: Record<QueryType, LatencySummary>;
}

interface Doc {
  id: string;
  title: string;
  body: string;
}

/** MiniSearch's own options per query type: what a developer using it directly would write. */
const OPTIONS: Record<QueryType, SearchOptions> = {
  common: {},
  rare: {},
  multi: { combineWith: 'AND' },
  // MiniSearch has no phrases: the closest it offers is all of the words.
  phrase: { combineWith: 'AND' },
  prefix1: { prefix: true },
  prefix2: { prefix: true },
  prefix3: { prefix: true },
  prefix4: { prefix: true },
  prefix5: { prefix: true },
  typo: { fuzzy: 0.2 },
  filtered: {},
  sorted: {},
};

export async function miniSearchPhase(args: { corpus: string; queries: string; querySeconds: number }): Promise<MiniSearchResult> {
  const set = JSON.parse(await readFile(args.queries, 'utf8')) as QuerySet;
  progress('minisearch: reading the same articles through the ingest stage');
  const { articles } = await readArticles([args.corpus]);
  const docs: Doc[] = articles.map((article) => ({ id: article.id, title: article.title, body: article.body }));
  let textBytes = 0;
  for (const doc of docs) textBytes += Buffer.byteLength(doc.title) + Buffer.byteLength(doc.body);

  // Facet data outside the index, as an application using MiniSearch would keep it.
  const docOf = new Map(articles.map((article, doc) => [article.id, doc]));
  const times = Float64Array.from(articles, (article) => (article.date === undefined ? Number.NaN : Date.parse(article.date)));
  const sourceOf = articles.map((article) => article.source);
  const tagsOf = articles.map((article) => article.tags);

  const heapBefore = heapAfterGc();
  progress(`minisearch: addAll of ${docs.length} articles`);
  const miniSearch = new MiniSearch<Doc>({ fields: ['title', 'body'] });
  const added = await timed(() => miniSearch.addAll(docs));
  const heapAfter = heapAfterGc();
  const build = {
    addAllMs: added.ms,
    articlesPerSec: docs.length / (added.ms / 1000),
    mbPerSec: textBytes / MB / (added.ms / 1000),
    peakRssMB: peakRssMb(),
    indexHeapBytesPerArticle: (heapAfter - heapBefore) / docs.length,
    totalHeapBytesPerArticle: heapAfter / docs.length,
  };
  progress(`minisearch: addAll took ${(added.ms / 1000).toFixed(1)} s; JSON.stringify...`);

  let json: MiniSearchResult['json'];
  try {
    const stringified = await timed(() => JSON.stringify(miniSearch));
    const bytes = Buffer.byteLength(stringified.value);
    progress(`minisearch: JSON ${(bytes / MB).toFixed(1)} MB in ${(stringified.ms / 1000).toFixed(1)} s; loadJSON...`);
    const loaded = await timed(() => MiniSearch.loadJSON<Doc>(stringified.value, { fields: ['title', 'body'] }));
    json = { stringifyMs: stringified.ms, bytes, loadJsonMs: loaded.ms };
  } catch (error) {
    json = { error: describeFailure(error) };
    progress(`minisearch: JSON snapshot failed: ${json.error}`);
  }
  heapAfterGc();

  const passes = (query: BenchQuery) => {
    const from = query.from === undefined ? -Infinity : Date.parse(`${query.from}T00:00:00Z`);
    const to = query.to === undefined ? Infinity : Date.parse(`${query.to}T23:59:59.999Z`);
    return (result: SearchResult): boolean => {
      const doc = docOf.get(result.id as string)!;
      if (query.sources.length > 0 && !query.sources.includes(sourceOf[doc] ?? '')) return false;
      if (query.tags.length > 0 && !query.tags.some((tag) => tagsOf[doc]!.includes(tag))) return false;
      const time = times[doc]!;
      return !(time < from || time > to || (Number.isNaN(time) && (query.from !== undefined || query.to !== undefined)));
    };
  };

  const search = (type: QueryType, query: BenchQuery): number => {
    const text = query.words.join(' ');
    if (type === 'filtered') {
      const results = miniSearch.search(text, { filter: passes(query) });
      // Facet counts over every match, as the page shows them.
      const sources = new Map<string, number>();
      const tags = new Map<string, number>();
      const years = new Map<number, number>();
      for (const result of results) {
        const doc = docOf.get(result.id as string)!;
        const source = sourceOf[doc];
        if (source !== undefined) sources.set(source, (sources.get(source) ?? 0) + 1);
        for (const tag of tagsOf[doc]!) tags.set(tag, (tags.get(tag) ?? 0) + 1);
        const year = new Date(times[doc]!).getUTCFullYear();
        years.set(year, (years.get(year) ?? 0) + 1);
      }
      results.slice(0, PAGE_SIZE);
      return results.length;
    }
    const results = miniSearch.search(text, OPTIONS[type]);
    if (type === 'sorted') {
      const sign = query.sort === 'oldest' ? 1 : -1;
      const time = (result: SearchResult) => times[docOf.get(result.id as string)!]!;
      results.sort((a, b) => sign * (time(a) - time(b)));
    }
    results.slice(0, PAGE_SIZE);
    return results.length;
  };

  QUERY_TYPES.forEach((type, i) => search(type, set.warmup[i]!));
  const queries = {} as Record<QueryType, LatencySummary>;
  for (const type of QUERY_TYPES) {
    queries[type] = await measureLatency(set.queries[type], (query) => search(type, query), { seconds: args.querySeconds });
    progress(`  minisearch ${type.padEnd(8)} p50 ${queries[type].p50Ms.toFixed(2)} ms, p99 ${queries[type].p99Ms.toFixed(2)} ms (${queries[type].samples} samples)`);
  }
  return { build, json, queries };
}
