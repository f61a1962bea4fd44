import type { Article } from '../article.ts';
import { buildIndex, type ArticleIndex } from '../index/article-index.ts';
import { loadSnapshot } from '../index/snapshot.ts';
import type { FacetCount, Library, LibraryStats, SearchResult } from '../library.ts';
import { compileQuery } from './compile-query.ts';
import { completeQuery } from './complete.ts';
import { highlightRanges } from './highlight.ts';
import { parseQueryString } from './parse-query-string.ts';
import { RANKING } from './ranking.ts';
import { highlightSpec, searchArticles } from './search-articles.ts';

const TOP_VALUES = 8;

/** Recent results are kept by request: people type the same first letters, page back and forth. */
const CACHED_RESULTS = 256;

/** The `Library` over a MiniSearch-backed `ArticleIndex`. */
export function createLibrary(index: ArticleIndex): Library {
  index.phrases.prepare();
  let stats: LibraryStats | undefined;
  const cache = new Map<string, SearchResult>();
  return {
    search: (request) => {
      const started = performance.now();
      const key = JSON.stringify([request.q, request.sources, request.tags, request.from, request.to, request.sort, request.offset, request.limit, request.typing]);
      const cached = cache.get(key);
      if (cached !== undefined) {
        // Most recently used last, so the oldest is the first to go.
        cache.delete(key);
        cache.set(key, cached);
        return { ...cached, request, tookMs: performance.now() - started };
      }
      const result = searchArticles(index, request);
      if (cache.size >= CACHED_RESULTS) cache.delete(cache.keys().next().value!);
      cache.set(key, result);
      return result;
    },
    getArticle: (id) => {
      const doc = index.docOf(id);
      return doc === undefined ? undefined : index.articles[doc];
    },
    suggest: (q, limit) => completeQuery(index, q, limit),
    highlight: (q, text) => {
      const { root } = parseQueryString(q, { typing: true });
      if (root === undefined) return [];
      // Without a document's matched terms, every term and prefix the query asks for is marked,
      // except words asked for only inside a phrase: those are marked where the phrase stands.
      const compiled = compileQuery(root, index, RANKING);
      const spec = highlightSpec(compiled, compiled.leaves.flatMap((leaf) => [...leaf.terms]), index.languages);
      spec.prefixes = compiled.leaves.filter((leaf) => leaf.phrase === undefined).flatMap((leaf) => leaf.prefixes);
      return highlightRanges(text, spec);
    },
    stats: () => (stats ??= computeStats(index)),
  };
}

/** Builds an in-memory library from articles (tests, small archives). */
export function libraryFromArticles(articles: Iterable<Article>): Library {
  return createLibrary(buildIndex(articles));
}

/** Opens the snapshot at `path`; throws `SnapshotError` when it cannot be used. */
export async function openLibrary(path: string): Promise<Library> {
  return createLibrary(await loadSnapshot(path));
}

function computeStats(index: ArticleIndex): LibraryStats {
  let first = Infinity;
  let last = -Infinity;
  for (const time of index.times) {
    if (Number.isNaN(time)) continue;
    first = Math.min(first, time);
    last = Math.max(last, time);
  }
  const sourceCounts = new Map<number, number>();
  for (const source of index.sourceOf) if (source >= 0) sourceCounts.set(source, (sourceCounts.get(source) ?? 0) + 1);
  const tagCounts = new Map<number, number>();
  for (const tag of index.tagIds) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  const stats: LibraryStats = {
    documents: index.size,
    terms: index.termCount,
    topSources: top(sourceCounts, index.sources),
    topTags: top(tagCounts, index.tags),
    builtAt: index.builtAt,
  };
  if (first !== Infinity) stats.firstDate = new Date(first).toISOString().slice(0, 10);
  if (last !== -Infinity) stats.lastDate = new Date(last).toISOString().slice(0, 10);
  return stats;
}

function top(counts: Map<number, number>, names: readonly string[]): FacetCount[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_VALUES)
    .map(([id, count]) => ({ value: names[id]!, count }));
}
