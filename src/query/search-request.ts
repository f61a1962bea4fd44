import { QueryError, SORT_ORDERS, type SearchRequest, type SortOrder } from '../library.ts';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
/** Deep pages cost a full ranking each; nobody reads past ten thousand results. */
export const MAX_OFFSET = 10_000;
const MAX_VALUES_PER_FACET = 20;

/** Reads every value of one parameter; `URLSearchParams` and Hono's `c.req.queries` both fit. */
export type ParamReader = (name: string) => string[];

export interface RequestDefaults {
  limit?: number;
}

/**
 * Turns URL parameters (`q`, `page` or `offset`, `limit`, `sort`, `source`, `tag`, `from`, `to`)
 * into a `SearchRequest`. Unknown parameters are ignored; numbers out of range are clamped.
 * Throws `QueryError` for values that cannot mean anything (a sort order or a date that does
 * not exist), so an API can answer 400 and a page can say what was wrong.
 */
export function parseSearchRequest(read: ParamReader, defaults: RequestDefaults = {}): SearchRequest {
  const first = (name: string): string | undefined => {
    const value = read(name)[0]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const limit = clamp(readInteger(first('limit'), 'limit') ?? defaults.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT);
  const page = readInteger(first('page'), 'page');
  const offset = clamp(
    readInteger(first('offset'), 'offset') ?? ((page ?? 1) - 1) * limit,
    0,
    MAX_OFFSET,
  );
  const request: SearchRequest = {
    q: read('q')[0] ?? '',
    sources: distinctValues(read('source')),
    tags: distinctValues(read('tag')),
    sort: readSort(first('sort')),
    offset,
    limit,
  };
  const from = readDay(first('from'), 'from');
  const to = readDay(first('to'), 'to');
  if (from !== undefined) request.from = from;
  if (to !== undefined) request.to = to;
  return request;
}

/** The same request as URL parameters, defaults left out, so URLs stay short and shareable. */
export function searchRequestToParams(request: SearchRequest, page?: number): URLSearchParams {
  const params = new URLSearchParams();
  if (request.q !== '') params.set('q', request.q);
  for (const source of request.sources) params.append('source', source);
  for (const tag of request.tags) params.append('tag', tag);
  if (request.from !== undefined) params.set('from', request.from);
  if (request.to !== undefined) params.set('to', request.to);
  if (request.sort !== 'relevance') params.set('sort', request.sort);
  const pageNumber = page ?? Math.floor(request.offset / request.limit) + 1;
  if (pageNumber > 1) params.set('page', String(pageNumber));
  if (request.limit !== DEFAULT_LIMIT) params.set('limit', String(request.limit));
  return params;
}

function readInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(value)) throw new QueryError(`"${name}" must be a whole number, not "${value}".`);
  return Number(value);
}

function readSort(value: string | undefined): SortOrder {
  if (value === undefined) return 'relevance';
  const sort = SORT_ORDERS.find((order) => order === value);
  if (sort === undefined) {
    throw new QueryError(`"sort" must be one of ${SORT_ORDERS.join(', ')}, not "${value}".`);
  }
  return sort;
}

function readDay(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!match || date === undefined || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new QueryError(`"${name}" must be a date written YYYY-MM-DD, not "${value}".`);
  }
  return value;
}

function distinctValues(values: string[]): string[] {
  const cleaned = values.map((value) => value.trim()).filter((value) => value !== '');
  return [...new Set(cleaned)].slice(0, MAX_VALUES_PER_FACET);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
