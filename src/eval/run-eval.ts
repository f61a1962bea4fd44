import type { Library } from '../library.ts';
import { meanMetrics, scoreRanking, type Judgments, type Metrics } from './metrics.ts';

export interface EvalQuery {
  id: string;
  text: string;
}

export interface EvalReport {
  queries: number;
  metrics: Metrics;
  baseline: { name: string; metrics: Metrics };
}

/** How deep each ranking goes: average precision looks this far, as trec_eval's default does. */
export const RANKING_DEPTH = 1000;

/** Reads `id<TAB>text` lines. */
export function parseQueries(tsv: string): EvalQuery[] {
  return tsv
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      return tab < 0 ? { id: line.trim(), text: '' } : { id: line.slice(0, tab).trim(), text: line.slice(tab + 1) };
    });
}

/** Reads `query<TAB>doc<TAB>gain` lines (or TREC's four columns `query 0 doc gain`). */
export function parseQrels(tsv: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  for (const line of tsv.split('\n')) {
    const columns = line.trim().split(/\s+/);
    if (columns.length < 3) continue;
    const [query, doc, gain] = columns.length >= 4 ? [columns[0]!, columns[2]!, columns[3]!] : [columns[0]!, columns[1]!, columns[2]!];
    const judged = qrels.get(query) ?? new Map<string, number>();
    judged.set(doc, Number(gain));
    qrels.set(query, judged);
  }
  return qrels;
}

/**
 * Runs every judged query through the library's real search path and through the baseline,
 * and averages the metrics. Queries without any relevant document are left out, as
 * trec_eval does.
 */
export function evaluate(
  library: Library,
  queries: readonly EvalQuery[],
  qrels: ReadonlyMap<string, Judgments>,
  baseline: { name: string; rank: (query: string, limit: number) => string[] },
  toDocId: (id: string) => string = (id) => id,
): EvalReport {
  const ours: Metrics[] = [];
  const theirs: Metrics[] = [];
  for (const query of queries) {
    const judged = qrels.get(query.id);
    if (judged === undefined || ![...judged.values()].some((gain) => gain > 0)) continue;
    const judgments = new Map([...judged].map(([doc, gain]) => [toDocId(doc), gain]));
    const result = library.search({ q: query.text, sources: [], tags: [], sort: 'relevance', offset: 0, limit: RANKING_DEPTH, typing: false });
    ours.push(scoreRanking(result.hits.map((hit) => hit.id), judgments));
    theirs.push(scoreRanking(baseline.rank(query.text, RANKING_DEPTH).map(toDocId), judgments));
  }
  return { queries: ours.length, metrics: meanMetrics(ours), baseline: { name: baseline.name, metrics: meanMetrics(theirs) } };
}
