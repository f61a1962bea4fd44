import type { FacetCount, SearchResult } from '../library.ts';
import { markedTextToHtml } from './marked-text.ts';

export { markedTextToHtml } from './marked-text.ts';

/** One hit as `GET /api/search` and `broadsheet search --json` print it. */
export interface SearchJsonHit {
  id: string;
  /** Plain text, not HTML. */
  title: string;
  url?: string;
  source?: string;
  date?: string;
  tags: string[];
  /** HTML-escaped text in which matched words are wrapped in `<mark>`; nothing else is markup. */
  snippet: string;
  score: number;
}

/** The JSON answer of `GET /api/search` (field names are the outer contract). */
export interface SearchJson {
  query: string;
  total: number;
  offset: number;
  limit: number;
  took_ms: number;
  hits: SearchJsonHit[];
  facets: { source: FacetCount[]; tags: FacetCount[]; year: FacetCount[] };
  suggestion?: string;
  /**
   * What was changed or left out of the request, a sentence each (a date that did not parse,
   * a query cut short, facet values dropped, how the query was read). Only when there are any.
   */
  notices?: string[];
}

/**
 * Maps a `SearchResult` to the contract's JSON shape. Pure: the CLI's `--json` uses it too.
 * `requestNotices` (from reading the request) come before the engine's own notices.
 */
export function toSearchJson(result: SearchResult, requestNotices: readonly string[] = []): SearchJson {
  const json: SearchJson = {
    query: result.request.q,
    total: result.total,
    offset: result.request.offset,
    limit: result.request.limit,
    took_ms: Math.round(result.tookMs * 100) / 100,
    hits: result.hits.map((hit) => {
      // Built field by field so the keys come out in the contract's order.
      const item: SearchJsonHit = { id: hit.id, title: hit.title.text } as SearchJsonHit;
      if (hit.url !== undefined) item.url = hit.url;
      if (hit.source !== undefined) item.source = hit.source;
      if (hit.date !== undefined) item.date = hit.date;
      item.tags = [...hit.tags];
      item.snippet = markedTextToHtml(hit.snippet);
      item.score = hit.score;
      return item;
    }),
    facets: {
      source: result.facets.source.map(copyCount),
      tags: result.facets.tags.map(copyCount),
      year: result.facets.year.map(copyCount),
    },
  };
  if (result.suggestion !== undefined) json.suggestion = result.suggestion;
  const notices = [...new Set([...requestNotices, ...result.notices])];
  if (notices.length > 0) json.notices = notices;
  return json;
}

function copyCount({ value, count }: FacetCount): FacetCount {
  return { value, count };
}
