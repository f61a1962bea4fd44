import type { SearchField } from '../index/article-index.ts';

/**
 * Every number that shapes ranking, in one place. Tuned on the CISI, Cranfield, MED, CACM
 * and NPL collections with `scripts/tune-ranking.ts`, one setting for all (see README).
 */
export interface Ranking {
  /** BM25+ parameters: term-frequency saturation `k`, length normalisation `b`, floor `d`. */
  bm25: { k: number; b: number; d: number };
  fieldBoosts: Record<SearchField, number>;
  /** Extra weight of a word's exact form over its stem (`toasts` over `toast`). */
  exactWeight: number;
  /** Weights of prefix and typo expansions relative to an exact term. */
  prefixWeight: number;
  fuzzyWeight: number;
  /**
   * Score is multiplied by the share of the query's words an article has, each word weighted by
   * its rarity, to this power. Counting words alone treated "what" like "aileron".
   */
  coordination: number;
  /**
   * And by (1 + x × the share it has as written) / (1 + x): of two articles with every word,
   * the one with `lending` beats one with only `lend`. Among articles with every word (`all`)
   * that is what tells them apart, and a strong x serves known-item news queries; among those
   * with some (`some`), which words they have matters more, and a strong x cost Cranfield.
   */
  exactCoordination: { all: number; some: number };
  /**
   * Pseudo-relevance feedback for long queries (at least `minWords` words): the `terms` most
   * telling words of the best `docs` articles are added to the query with `weight`.
   */
  feedback: { minWords: number; docs: number; terms: number; weight: number };
  /**
   * The `depth` best matches are lifted by up to `weight` where the query's words stand close
   * together (`proximity`, saturating at `saturation`).
   */
  proximity: { weight: number; depth: number; saturation: number };
  /** A gentle lift for newer articles: up to `weight`, halving every `halfLifeDays` of age. */
  recency: { weight: number; halfLifeDays: number };
}

export const RANKING: Ranking = {
  bm25: { k: 1.2, b: 0.7, d: 0 },
  fieldBoosts: { title: 1.25, tags: 1.25, source: 1.1, body: 1 },
  exactWeight: 0.3,
  prefixWeight: 0.375,
  fuzzyWeight: 0.45,
  coordination: 0.6,
  exactCoordination: { all: 3, some: 1 },
  feedback: { minWords: 4, docs: 10, terms: 10, weight: 0.3 },
  proximity: { weight: 1, depth: 50, saturation: 0.5 },
  recency: { weight: 0.05, halfLifeDays: 365 },
};
