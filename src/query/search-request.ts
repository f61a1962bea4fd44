import { QueryError, SORT_ORDERS, type SearchRequest, type SortOrder } from '../library.ts';
import { MAX_QUERY_LENGTH } from './parse-query-string.ts';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
/** Deep pages cost a full ranking each; nobody reads past ten thousand results. */
export const MAX_OFFSET = 10_000;
/** Values of one facet (`source`, `tag`) kept from a URL; the rest are dropped with a notice. */
export const MAX_VALUES_PER_FACET = 20;
/** A source or tag longer than this is no name an archive uses: it is ignored, with a notice. */
export const MAX_FACET_VALUE_LENGTH = 200;
/** How much of a rejected value a notice or an error message quotes. */
const MAX_QUOTED = 40;

/** Reads every value of one parameter; `URLSearchParams` and Hono's `c.req.queries` both fit. */
export type ParamReader = (name: string) => string[];

export interface RequestDefaults {
  limit?: number;
}

/** A request read leniently from a URL, and what had to be changed or left out, a sentence each. */
export interface RequestReading {
  request: SearchRequest;
  notices: string[];
}

/**
 * Turns URL parameters (`q`, `page` or `offset`, `limit`, `sort`, `source`, `tag`, `from`, `to`)
 * into a `SearchRequest`. Unknown parameters are ignored; numbers out of range are clamped.
 * Throws `QueryError` for values that cannot mean anything (a sort order or a date that does
 * not exist), so a command line can report a usage error. The web front uses
 * {@link readSearchRequest}, which ignores a bad date with a notice instead.
 */
export function parseSearchRequest(read: ParamReader, defaults: RequestDefaults = {}): SearchRequest {
  return readRequest(read, defaults, { strict: true, notices: [] });
}

/**
 * The web's reading of a search: like {@link parseSearchRequest}, but a date that does not
 * parse is ignored, a query longer than `MAX_QUERY_LENGTH` characters is cut, a source or tag
 * longer than `MAX_FACET_VALUE_LENGTH` is ignored, and values of a facet past
 * `MAX_VALUES_PER_FACET` are dropped, each with a notice to show the user.
 * Still throws `QueryError` for an unknown `sort` and a `page`, `limit` or `offset` that is
 * not a whole number: those are requests the engine cannot use (HTTP 400).
 */
export function readSearchRequest(read: ParamReader, defaults: RequestDefaults = {}): RequestReading {
  const notices: string[] = [];
  const request = readRequest(read, defaults, { strict: false, notices });
  return { request, notices };
}

interface ReadMode {
  /** Throw on a bad date (the CLI) rather than ignore it with a notice (the web). */
  strict: boolean;
  /** Where lenient reading says what it changed; unused when strict. */
  notices: string[];
}

function readRequest(read: ParamReader, defaults: RequestDefaults, mode: ReadMode): SearchRequest {
  const note = (notice: string): void => {
    if (!mode.strict && !mode.notices.includes(notice)) mode.notices.push(notice);
  };
  const first = (name: string): string | undefined => {
    const value = read(name)[0]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const askedLimit = readInteger(first('limit'), 'limit') ?? defaults.limit ?? DEFAULT_LIMIT;
  const limit = clamp(askedLimit, 1, MAX_LIMIT);
  if (askedLimit > MAX_LIMIT) note(`At most ${MAX_LIMIT} results are shown at a time, so "limit" was lowered to ${MAX_LIMIT}.`);
  const page = readInteger(first('page'), 'page');
  const askedOffset = readInteger(first('offset'), 'offset') ?? ((page ?? 1) - 1) * limit;
  const offset = clamp(askedOffset, 0, MAX_OFFSET);
  if (askedOffset > MAX_OFFSET) note(`Results can be paged through only up to number ${MAX_OFFSET.toLocaleString('en-GB')}, so the page starts there.`);
  const request: SearchRequest = {
    q: mode.strict ? (read('q')[0] ?? '') : cutQuery(read('q')[0] ?? '', note),
    sources: distinctValues(read('source'), 'sources', mode.strict, note),
    tags: distinctValues(read('tag'), 'tags', mode.strict, note),
    sort: readSort(first('sort')),
    offset,
    limit,
  };
  // A query cut short was not being typed: its last word is not a prefix.
  if (request.q !== (read('q')[0] ?? '')) request.typing = false;
  const from = readDay(first('from'), 'from', mode.strict, note);
  const to = readDay(first('to'), 'to', mode.strict, note);
  if (from !== undefined) request.from = from;
  if (to !== undefined) request.to = to;
  return request;
}

/**
 * The first `MAX_QUERY_LENGTH` characters (code points) of `q`, so that neither the engine nor
 * a page that echoes the query in every link handles more. Same words as the parser's notice.
 */
function cutQuery(q: string, note: (notice: string) => void): string {
  // Slice before Array.from so that a megabyte of input costs no more than a kilobyte.
  const chars = Array.from(q.slice(0, MAX_QUERY_LENGTH * 2));
  if (chars.length <= MAX_QUERY_LENGTH && q.length <= MAX_QUERY_LENGTH * 2) return q;
  note(`The query was longer than ${MAX_QUERY_LENGTH} characters, so only the first ${MAX_QUERY_LENGTH} were searched.`);
  return chars.slice(0, MAX_QUERY_LENGTH).join('');
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
  // Any number of digits: a huge page number is clamped like any other, not refused.
  if (!/^[-+]?\d+$/.test(value)) throw new QueryError(`"${name}" must be a whole number, not "${quote(value)}".`);
  return Number(value);
}

function readSort(value: string | undefined): SortOrder {
  if (value === undefined) return 'relevance';
  const sort = SORT_ORDERS.find((order) => order === value);
  if (sort === undefined) {
    throw new QueryError(`"sort" must be one of ${SORT_ORDERS.join(', ')}, not "${quote(value)}".`);
  }
  return sort;
}

function readDay(value: string | undefined, name: string, strict: boolean, note: (notice: string) => void): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!match || date === undefined || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    if (strict) throw new QueryError(`"${name}" must be a date written YYYY-MM-DD, not "${quote(value)}".`);
    note(`"${name}" was ignored: "${quote(value)}" is not a date written YYYY-MM-DD.`);
    return undefined;
  }
  return value;
}

function distinctValues(values: string[], noun: string, strict: boolean, note: (notice: string) => void): string[] {
  const trimmed = values.map((value) => value.trim()).filter((value) => value !== '');
  // Only the web drops overlong values: every link on a page repeats them.
  const fitting = strict ? trimmed : trimmed.filter((value) => value.length <= MAX_FACET_VALUE_LENGTH);
  if (fitting.length < trimmed.length) note(`${noun === 'sources' ? 'A source' : 'A tag'} longer than ${MAX_FACET_VALUE_LENGTH} characters was ignored.`);
  const cleaned = [...new Set(fitting)];
  if (cleaned.length > MAX_VALUES_PER_FACET) {
    const dropped = cleaned.length - MAX_VALUES_PER_FACET;
    note(`Only the first ${MAX_VALUES_PER_FACET} ${noun} were used; ${dropped} more ${dropped === 1 ? 'was' : 'were'} ignored.`);
  }
  return cleaned.slice(0, MAX_VALUES_PER_FACET);
}

/** A value as an error message quotes it: at most {@link MAX_QUOTED} characters. */
function quote(value: string): string {
  const chars = Array.from(value.slice(0, MAX_QUOTED * 2));
  return chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED).join('')}…` : value;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
