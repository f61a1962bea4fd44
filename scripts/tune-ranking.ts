/**
 * Tunes the ranking numbers of `src/query/ranking.ts` on the relevance collections in
 * ../shared/corpora/ir: builds each index once, then scores variations of the ranking on every
 * judged query (nDCG@10, the mean over collections is what is maximised).
 *
 *   npx tsx scripts/tune-ranking.ts [--corpora ../shared/corpora/ir]
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toArticleId, type Article } from '../src/article.ts';
import { meanMetrics, scoreRanking, type Metrics } from '../src/eval/metrics.ts';
import { parseQrels, parseQueries, RANKING_DEPTH, type EvalQuery } from '../src/eval/run-eval.ts';
import { buildIndex, type ArticleIndex } from '../src/index/article-index.ts';
import { streamArticles } from '../src/ingest/index.ts';
import { RANKING, type Ranking } from '../src/query/ranking.ts';
import { bestPositions, rankArticles } from '../src/query/search-articles.ts';

const COLLECTIONS = ['cisi', 'cranfield', 'med', 'cacm', 'npl'];

interface Collection {
  name: string;
  index: ArticleIndex;
  queries: EvalQuery[];
  qrels: Map<string, Map<string, number>>;
}

async function loadCollection(folder: string, name: string): Promise<Collection> {
  const articles: Article[] = [];
  for await (const item of streamArticles([join(folder, name, 'docs.jsonl')])) if (item.kind === 'article') articles.push(item.article);
  const queries = parseQueries(await readFile(join(folder, name, 'queries.tsv'), 'utf8'));
  const raw = parseQrels(await readFile(join(folder, name, 'qrels.tsv'), 'utf8'));
  const qrels = new Map([...raw].map(([query, judged]) => [query, new Map([...judged].map(([doc, gain]) => [toArticleId(doc), gain]))]));
  return { name, index: buildIndex(articles), queries, qrels };
}

export function evaluateRanking(collection: Collection, ranking: Ranking): Metrics {
  const all: Metrics[] = [];
  for (const query of collection.queries) {
    const judged = collection.qrels.get(query.id);
    if (!judged || ![...judged.values()].some((gain) => gain > 0)) continue;
    const { matches } = rankArticles(collection.index, query.text, false, ranking);
    const best = bestPositions(matches, RANKING_DEPTH).map((position) => collection.index.articles[matches.docs[position]!]!.id);
    all.push(scoreRanking(best, judged));
  }
  return meanMetrics(all);
}

type Variation = [string, (ranking: Ranking) => Ranking];

/** Joint search over the parameters that interact most: BM25's k, coordination and the title boost. */
const GRID: Variation[] = [1.2, 2].flatMap((k) =>
  [0.5, 0.75, 1].flatMap((coordination) =>
    [1, 1.5].map((title): Variation => [
      `k${k} c${coordination} t${title}`,
      (r) => ({ ...r, bm25: { ...r.bm25, k }, coordination, fieldBoosts: { ...r.fieldBoosts, title } }),
    ]),
  ),
);

const VARIATIONS: Variation[] = [
  ['current', (r) => r],
  ['no-proximity', (r) => ({ ...r, proximity: { ...r.proximity, weight: 0 } })],
  ...[0.5, 2].map((weight): Variation => [`prox-weight=${weight}`, (r) => ({ ...r, proximity: { ...r.proximity, weight } })]),
  ...[0.2, 1, 2].map((saturation): Variation => [`prox-sat=${saturation}`, (r) => ({ ...r, proximity: { ...r.proximity, saturation } })]),
  ...[20, 100].map((depth): Variation => [`prox-depth=${depth}`, (r) => ({ ...r, proximity: { ...r.proximity, depth } })]),
  ['no-feedback', (r) => ({ ...r, feedback: { ...r.feedback, terms: 0 } })],
  ...[5, 20].map((terms): Variation => [`fb-terms=${terms}`, (r) => ({ ...r, feedback: { ...r.feedback, terms } })]),
  ...[5, 20].map((docs): Variation => [`fb-docs=${docs}`, (r) => ({ ...r, feedback: { ...r.feedback, docs } })]),
  ...[0.1, 0.5, 1].map((weight): Variation => [`fb-weight=${weight}`, (r) => ({ ...r, feedback: { ...r.feedback, weight } })]),
  ['ms-like', (r) => ({ ...r, bm25: { k: 1.2, b: 0.7, d: 0.5 }, fieldBoosts: { title: 1, tags: 1, source: 1, body: 1 }, exactWeight: 0, coordination: 1, exactCoordination: { all: 0, some: 0 }, proximity: { ...r.proximity, weight: 0 } })],
  ['no-recency', (r) => ({ ...r, recency: { ...r.recency, weight: 0 } })],
  ...[0.9, 1.6, 2.0, 3.0].map((k): Variation => [`k=${k}`, (r) => ({ ...r, bm25: { ...r.bm25, k } })]),
  ...[0.5, 0.6, 0.75, 0.85].map((b): Variation => [`b=${b}`, (r) => ({ ...r, bm25: { ...r.bm25, b } })]),
  ...[0.25, 0.5].map((d): Variation => [`d=${d}`, (r) => ({ ...r, bm25: { ...r.bm25, d } })]),
  ...[1, 1.25, 2].map((title): Variation => [`title=${title}`, (r) => ({ ...r, fieldBoosts: { ...r.fieldBoosts, title } })]),
  ...[0, 0.2, 0.5, 0.75].map((exactWeight): Variation => [`exact=${exactWeight}`, (r) => ({ ...r, exactWeight })]),
  ...[0.5, 0.75, 1.5].map((coordination): Variation => [`coord=${coordination}`, (r) => ({ ...r, coordination })]),
  ...[0, 0.5, 2].map((some): Variation => [`exact-some=${some}`, (r) => ({ ...r, exactCoordination: { ...r.exactCoordination, some } })]),
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
      corpora: { type: 'string', default: '../shared/corpora/ir' },
      only: { type: 'string' },
      collections: { type: 'string' },
      grid: { type: 'boolean' },
    }, });
  const names = values.collections?.split(',') ?? COLLECTIONS;
  const collections = await Promise.all(names.map((name) => loadCollection(values.corpora!, name)));
  const all = values.grid ? GRID : VARIATIONS;
  const variations = values.only ? all.filter(([name]) => name === values.only) : all;
  console.log(`${'variation'.padEnd(14)}${names.map((name) => name.padStart(10)).join('')}${'mean'.padStart(10)}`);
  for (const [name, vary] of variations) {
    const ranking = vary(RANKING);
    const scores = collections.map((collection) => evaluateRanking(collection, ranking)['ndcg@10']);
    const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
    console.log(`${name.padEnd(14)}${scores.map((score) => score.toFixed(3).padStart(10)).join('')}${mean.toFixed(4).padStart(10)}`);
  }
}

await main();
