import { readFile } from 'node:fs/promises';
import { heapAfterGc, MB, measureLatency, progress, timed, type LatencySummary } from './measure.ts';
import type { QuerySet } from './query-set.ts';
import { floorTokens, readRawArticles, type RawArticle } from './raw-corpus.ts';

/**
 * The floor: what any indexer must at least spend, and what the simplest index answers in.
 * Reading is line splitting and `JSON.parse`; tokenizing is one regular expression over the
 * lower-cased title and body; the index is a `Map` from term to postings (document numbers and
 * term frequencies), queried with a plain BM25 loop keeping the best ten.
 */

export interface FloorResult {
  readMs: number;
  tokenizeMs: number;
  readTokenizeMs: number;
  readTokenizeMBPerSec: number;
  tokens: number;
  /** Tokenizing included, as MiniSearch's addAll includes it. */
  mapBuildMs: number;
  mapHeapBytesPerArticle: number;
  mapTerms: number;
  mapQuery: LatencySummary;
}

interface Postings {
  docs: number[];
  tfs: number[];
}

const K1 = 1.2;
const B = 0.75;

export async function floorPhase(args: { corpus: string; queries: string; querySeconds: number }): Promise<FloorResult> {
  const set = JSON.parse(await readFile(args.queries, 'utf8')) as QuerySet;
  const read = await timed(async () => {
    const articles: RawArticle[] = [];
    for await (const article of readRawArticles(args.corpus)) articles.push(article);
    return articles;
  });
  const articles = read.value;
  let chars = 0;
  for (const article of articles) chars += Buffer.byteLength(article.title) + Buffer.byteLength(article.body);

  const tokenized = await timed(() => {
    let count = 0;
    for (const article of articles) count += floorTokens(`${article.title} ${article.body}`).length;
    return count;
  });
  progress(`floor: read ${(read.ms / 1000).toFixed(1)} s, tokenize ${(tokenized.ms / 1000).toFixed(1)} s; building a Map index`);

  const heapBefore = heapAfterGc();
  const built = await timed(() => {
    const index = new Map<string, Postings>();
    const lengths = new Uint32Array(articles.length);
    const counts = new Map<string, number>();
    for (let doc = 0; doc < articles.length; doc++) {
      const article = articles[doc]!;
      const tokens = floorTokens(`${article.title} ${article.body}`);
      lengths[doc] = tokens.length;
      counts.clear();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let postings = index.get(term);
        if (postings === undefined) index.set(term, (postings = { docs: [], tfs: [] }));
        postings.docs.push(doc);
        postings.tfs.push(tf);
      }
    }
    return { index, lengths };
  });
  const heapAfter = heapAfterGc();
  const { index, lengths } = built.value;
  let totalLength = 0;
  for (const length of lengths) totalLength += length;
  const averageLength = totalLength / Math.max(1, lengths.length);
  progress(`floor: Map index of ${index.size} terms in ${(built.ms / 1000).toFixed(1)} s; querying`);

  const search = (term: string): number => {
    const postings = index.get(term);
    if (postings === undefined) return 0;
    const { docs, tfs } = postings;
    const idf = Math.log(1 + (lengths.length - docs.length + 0.5) / (docs.length + 0.5));
    // The best ten, kept sorted by descending score.
    const topScores: number[] = [];
    const topDocs: number[] = [];
    for (let i = 0; i < docs.length; i++) {
      const tf = tfs[i]!;
      const doc = docs[i]!;
      const score = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengths[doc]!) / averageLength));
      if (topScores.length === 10 && score <= topScores[9]!) continue;
      let at = topScores.length === 10 ? 9 : topScores.length;
      while (at > 0 && topScores[at - 1]! < score) {
        topScores[at] = topScores[at - 1]!;
        topDocs[at] = topDocs[at - 1]!;
        at--;
      }
      topScores[at] = score;
      topDocs[at] = doc;
    }
    return docs.length;
  };
  search(set.warmup[0]?.words[0] ?? '');
  const mapQuery = await measureLatency(
    set.queries.common.map((query) => query.words[0] ?? query.q),
    search,
    // No cache to defeat here: going round the set again gives a steadier p99.
    { seconds: args.querySeconds, repeat: true },
  );
  progress(`  floor Map common  p50 ${mapQuery.p50Ms.toFixed(3)} ms, p99 ${mapQuery.p99Ms.toFixed(3)} ms`);
  return {
    readMs: read.ms,
    tokenizeMs: tokenized.ms,
    readTokenizeMs: read.ms + tokenized.ms,
    readTokenizeMBPerSec: chars / MB / ((read.ms + tokenized.ms) / 1000),
    tokens: tokenized.value,
    mapBuildMs: built.ms,
    mapHeapBytesPerArticle: (heapAfter - heapBefore) / articles.length,
    mapTerms: index.size,
    mapQuery,
  };
}
