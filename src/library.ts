import type { Article, ArticleId } from './article.ts';

/**
 * The seam between a loaded index and everything that uses it (server, CLI, evaluation).
 * Nothing outside `src/index/` and `src/query/` knows MiniSearch exists; a later backend
 * implements this same interface.
 */
export interface Library {
  search(request: SearchRequest): SearchResult;
  getArticle(id: ArticleId): Article | undefined;
  /** Completions for the last word being typed, most useful first. */
  suggest(q: string, limit?: number): string[];
  /** Where the words of `q` occur in `text`, by the same analysis that matched them. */
  highlight(q: string, text: string): TextRange[];
  stats(): LibraryStats;
}

export type SortOrder = 'relevance' | 'newest' | 'oldest';
export const SORT_ORDERS: readonly SortOrder[] = ['relevance', 'newest', 'oldest'];

/** One search, as plain data: what a URL or a command line asks for. */
export interface SearchRequest {
  q: string;
  /** Values of one facet are OR-ed, different facets AND-ed. */
  sources: string[];
  tags: string[];
  /** Inclusive, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  sort: SortOrder;
  offset: number;
  limit: number;
  /**
   * True (the default) while a person may still be typing: the last word then also matches
   * as a prefix. Evaluations and scripts pass false.
   */
  typing?: boolean;
}

/** A half-open range `[start, end)` of UTF-16 offsets into a string. */
export interface TextRange {
  start: number;
  end: number;
}

/** Text plus where to highlight it; HTML is made at the edge, escaping each piece. */
export interface MarkedText {
  text: string;
  highlights: TextRange[];
}

export interface Hit {
  id: ArticleId;
  title: MarkedText;
  url?: string;
  source?: string;
  date?: string;
  tags: string[];
  snippet: MarkedText;
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface Facets {
  source: FacetCount[];
  tags: FacetCount[];
  year: FacetCount[];
}

export interface TimelineBucket {
  /** `2023` or `2023-09`. */
  label: string;
  /** Inclusive bounds, `YYYY-MM-DD`, ready for `from`/`to`. */
  from: string;
  to: string;
  count: number;
}

export interface Timeline {
  unit: 'year' | 'month';
  buckets: TimelineBucket[];
}

export interface SearchResult {
  request: SearchRequest;
  total: number;
  hits: Hit[];
  facets: Facets;
  timeline: Timeline;
  /** A close spelling that finds more, for "did you mean". */
  suggestion?: string;
  /** True when not every word matched and the results fell back to any of them. */
  widened: boolean;
  /** What the engine could not honour, said in a sentence each. */
  notices: string[];
  tookMs: number;
}

export interface LibraryStats {
  documents: number;
  terms: number;
  firstDate?: string;
  lastDate?: string;
  topSources: FacetCount[];
  topTags: FacetCount[];
  /** When the snapshot was built, ISO 8601. */
  builtAt: string;
}

/** A request the engine cannot use (an API answers 400, a page shows the message). */
export class QueryError extends Error {
  override name = 'QueryError';
}
