import type { ArticleIndex, Match, MatchQuery } from '../index/article-index.ts';
import type { Hit, SearchRequest, SearchResult } from '../library.ts';
import { countFacets, passesFilter, resolveFilter } from './facets.ts';
import { makeSnippet, markText, termMatcher } from './highlight.ts';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './parse-query.ts';
import { suggestSpelling } from './spelling.ts';
import { buildTimeline } from './timeline.ts';

/** Below this many results a close spelling is tried for "did you mean". */
const FEW_RESULTS = 3;

/**
 * Runs one search: match, filter, count facets, sort, page, and make snippets for the page.
 * All words must match; when none does, any of them may, and the result says it widened.
 */
export function searchArticles(index: ArticleIndex, request: SearchRequest): SearchResult {
  const started = performance.now();
  const query = parseQuery(request.q);
  const notices: string[] = [];
  let widened = false;
  let matches: Match[];
  if (isEmptyQuery(query)) {
    matches = index.articles.map((_, doc) => ({ doc, score: 0, terms: [] }));
  } else {
    matches = index.match(toMatchQuery(query, 'and'));
    if (matches.length === 0 && query.terms.length + (query.prefix ? 1 : 0) > 1) {
      matches = index.match(toMatchQuery(query, 'or'));
      widened = matches.length > 0;
    }
  }

  const filter = resolveFilter(index, request);
  const facets = countFacets(index, matches.map((match) => match.doc), filter);
  const filtered = matches.filter((match) => passesFilter(index, match.doc, filter));
  sortMatches(index, filtered, isEmptyQuery(query) && request.sort === 'relevance' ? 'newest' : request.sort);

  const page = filtered.slice(request.offset, request.offset + request.limit);
  const result: SearchResult = {
    request,
    total: filtered.length,
    hits: page.map((match) => toHit(index, match, query)),
    facets,
    timeline: buildTimeline(filtered.map((match) => index.times[match.doc]!)),
    widened,
    notices,
    tookMs: 0,
  };
  if (!isEmptyQuery(query) && filtered.length < FEW_RESULTS) {
    const suggestion = suggestSpelling(index, request.q, filtered.length, (alternative) =>
      index.match(toMatchQuery(parseQuery(alternative), 'and')).filter((match) => passesFilter(index, match.doc, filter)).length,
    );
    if (suggestion !== undefined) result.suggestion = suggestion;
  }
  result.tookMs = performance.now() - started;
  return result;
}

function toMatchQuery(query: ParsedQuery, combine: 'and' | 'or'): MatchQuery {
  const children: MatchQuery[] = query.terms.map((term) => ({ kind: 'term', term }));
  if (query.prefix !== undefined) children.push({ kind: 'term', term: query.prefix, prefix: true });
  return children.length === 1 ? children[0]! : { kind: combine, children };
}

function sortMatches(index: ArticleIndex, matches: Match[], sort: SearchRequest['sort']): void {
  const time = (doc: number) => {
    const value = index.times[doc]!;
    return Number.isNaN(value) ? -Infinity : value;
  };
  if (sort === 'relevance') matches.sort((a, b) => b.score - a.score || time(b.doc) - time(a.doc));
  // Undated articles go last in both date orders.
  else if (sort === 'newest') matches.sort((a, b) => time(b.doc) - time(a.doc) || b.score - a.score);
  else matches.sort((a, b) => (time(a.doc) === -Infinity ? 1 : 0) - (time(b.doc) === -Infinity ? 1 : 0) || time(a.doc) - time(b.doc) || b.score - a.score);
}

function toHit(index: ArticleIndex, match: Match, query: ParsedQuery): Hit {
  const article = index.articles[match.doc]!;
  // The terms MiniSearch reports are the indexed words that matched, prefix expansions included.
  const matches = termMatcher([...query.terms, ...match.terms]);
  const hit: Hit = {
    id: article.id,
    title: markText(article.title, matches),
    tags: article.tags,
    snippet: makeSnippet(article.body, matches),
    score: match.score,
  };
  if (article.url !== undefined) hit.url = article.url;
  if (article.source !== undefined) hit.source = article.source;
  if (article.date !== undefined) hit.date = article.date;
  return hit;
}
