import { isWebUrl } from '../article.ts';
import type { SearchRequest } from '../library.ts';
import { DEFAULT_LIMIT, searchRequestToParams } from '../query/search-request.ts';

/*
 * The URLs pages link to. Every search link is made by `searchRequestToParams`, so links and
 * the form agree on parameter names and defaults.
 */

/** `/search?...` for a request; `page` overrides the request's own page. */
export function searchHref(request: SearchRequest, page?: number): string {
  const params = searchRequestToParams(request, page).toString();
  return params === '' ? '/search' : `/search?${params}`;
}

/**
 * The article page, carrying the whole search it was found by: its words are highlighted
 * there, and its link back returns to the same results (filters, order and page included).
 */
export function articleHref(id: string, request: SearchRequest): string {
  const path = `/articles/${encodeURIComponent(id)}`;
  const params = searchRequestToParams(request).toString();
  return params === '' ? path : `${path}?${params}`;
}

/** A search for everything: the base of links that start afresh (a tag on an article page). */
export function blankRequest(change: Partial<SearchRequest> = {}): SearchRequest {
  return { q: '', sources: [], tags: [], sort: 'relevance', offset: 0, limit: DEFAULT_LIMIT, ...change };
}

/**
 * An article's own URL as it may go in an `href`: only http(s), written the way the URL parser
 * reads it (`new URL(url).href`), so what the browser follows is exactly what was checked.
 * Leading spaces, tabs inside the scheme (`java\tscript:`), entities (`&#106;avascript:`),
 * scheme-relative (`//host`) and every other scheme give undefined: the URL is not linked.
 */
export function webHref(url: string | undefined): string | undefined {
  if (!isWebUrl(url)) return undefined;
  return new URL(url).href;
}
