import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.ts';
import { buildIndex, type MatchQuery } from '../../src/index/article-index.ts';
import { RANKING } from '../../src/query/ranking.ts';

const article = (id: string, body: string): Article => ({ id, title: 'Notes', body, tags: [] });
const leaf = (term: string, exact?: string): MatchQuery => ({ kind: 'leaf', query: { kind: 'term', term }, ...(exact ? { exact: { kind: 'term', term: exact } } : {}) });

describe('QueryEvaluator coverage', () => {
  // "flow" is in most articles, "aileron" in one: lacking it is lacking most of the query.
  const index = buildIndex([
    article('no-flow', 'aileron buzz'),
    article('no-aileron', 'flow buzz'),
    ...['a', 'b', 'c', 'd', 'e'].map((id) => article(id, 'flow report')),
  ]);
  const doc = (id: string) => index.articles.findIndex((a) => a.id === id);

  it('weighs the words an article has by their rarity, not by their number', () => {
    const evaluation = index.match({ kind: 'or', children: [leaf('flow'), leaf('aileron'), leaf('buzz')] }, RANKING);
    const coverage = (id: string) => evaluation.coverage[[...evaluation.docs].indexOf(doc(id))]!;
    expect(coverage('no-flow')).toBeGreaterThan(coverage('no-aileron'));
    expect(coverage('a')).toBeLessThan(coverage('no-aileron'));
  });

  it('weighs the leaves of a long query beyond the 32nd as well', () => {
    const words = Array.from({ length: 40 }, (_, n) => `word${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + Math.floor(n / 26))}`);
    const long = buildIndex([
      article('rare-35', words[35]!),
      article('common-36', words[36]!),
      ...['a', 'b', 'c', 'd'].map((id) => article(id, `${words[36]} ${words[0]}`)),
    ]);
    const evaluation = long.match({ kind: 'or', children: words.map((word) => leaf(word)) }, RANKING);
    const coverage = (id: string) => evaluation.coverage[[...evaluation.docs].indexOf(long.articles.findIndex((a) => a.id === id))]!;
    expect(coverage('rare-35')).toBeGreaterThan(coverage('common-36'));
    expect(coverage('common-36')).toBeGreaterThan(0);
    expect(coverage('a')).toBeGreaterThan(coverage('common-36'));
  });

  it('counts a leaf as exact only where its exact term is', () => {
    const stemmed = buildIndex([article('exact', 'lending rules'), article('stem', 'lend rules')]);
    const evaluation = stemmed.match({ kind: 'and', children: [leaf('lend', '=lending'), leaf('rule')] }, RANKING);
    const at = (id: string) => [...evaluation.docs].indexOf(stemmed.articles.findIndex((a) => a.id === id));
    expect(evaluation.coverage[at('exact')]).toBe(evaluation.coverage[at('stem')]);
    expect(evaluation.exactCoverage[at('exact')]).toBeGreaterThan(evaluation.exactCoverage[at('stem')]!);
    expect(evaluation.exactCoverage[at('exact')]).toBeCloseTo(evaluation.coverage[at('exact')]!);
  });
});
