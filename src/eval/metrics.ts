/** Relevance judgments of one query: document id -> gain (> 0 means relevant). */
export type Judgments = ReadonlyMap<string, number>;

export interface Metrics {
  'ndcg@10': number;
  map: number;
  'p@10': number;
  'recall@100': number;
}

export const METRIC_NAMES: readonly (keyof Metrics)[] = ['ndcg@10', 'map', 'p@10', 'recall@100'];

/**
 * The metrics of one ranked list against its judgments, as trec_eval computes them:
 * nDCG with linear gains and a log2(rank + 1) discount, average precision over every
 * relevant document (unretrieved ones count as zero).
 */
export function scoreRanking(ranking: readonly string[], judgments: Judgments): Metrics {
  const relevant = [...judgments.values()].filter((gain) => gain > 0).length;
  const gain = (id: string | undefined) => Math.max(0, (id === undefined ? 0 : judgments.get(id)) ?? 0);

  let dcg = 0;
  for (let rank = 0; rank < Math.min(10, ranking.length); rank++) dcg += gain(ranking[rank]) / Math.log2(rank + 2);
  const ideal = [...judgments.values()].filter((value) => value > 0).sort((a, b) => b - a);
  let idcg = 0;
  for (let rank = 0; rank < Math.min(10, ideal.length); rank++) idcg += ideal[rank]! / Math.log2(rank + 2);

  let found = 0;
  let precisionSum = 0;
  let foundAt10 = 0;
  let foundAt100 = 0;
  ranking.forEach((id, rank) => {
    if (gain(id) <= 0) return;
    found++;
    precisionSum += found / (rank + 1);
    if (rank < 10) foundAt10++;
    if (rank < 100) foundAt100++;
  });
  return {
    'ndcg@10': idcg === 0 ? 0 : dcg / idcg,
    map: relevant === 0 ? 0 : precisionSum / relevant,
    'p@10': foundAt10 / 10,
    'recall@100': relevant === 0 ? 0 : foundAt100 / relevant,
  };
}

/** The mean of each metric over queries. */
export function meanMetrics(all: readonly Metrics[]): Metrics {
  const mean = (name: keyof Metrics) => (all.length === 0 ? 0 : all.reduce((sum, metrics) => sum + metrics[name], 0) / all.length);
  return { 'ndcg@10': mean('ndcg@10'), map: mean('map'), 'p@10': mean('p@10'), 'recall@100': mean('recall@100') };
}
