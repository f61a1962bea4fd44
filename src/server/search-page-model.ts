import { QueryError, SORT_ORDERS, type Library, type LibraryStats, type SearchRequest, type SearchResult } from '../library.ts';
import { MAX_OFFSET, readSearchRequest, type ParamReader } from '../query/search-request.ts';
import { searchTips } from './help-page-model.ts';
import { articleHref, searchHref, webHref } from './search-links.ts';
import type {
  ChipModel,
  FacetGroupModel,
  HitModel,
  LinkModel,
  OverviewModel,
  PaginationModel,
  ResultsModel,
  SearchFormModel,
  SearchPageModel,
  TimelineModel,
} from '../../views/search-model.ts';

const SITE = 'Broadsheet';
/** Page numbers shown either side of the current one. */
const PAGE_WINDOW = 2;

export interface SearchPageOutcome {
  model: SearchPageModel;
  /** 400 when the request could not be used, else 200. */
  status: 200 | 400;
}

/**
 * Reads a search from URL parameters, runs it, and builds the page model with every link
 * (facets, chips, pages, timeline bars) made by `searchRequestToParams`. A request the
 * engine cannot use becomes a message on the page, never an exception; what was changed to
 * make a request usable (a bad date ignored, a long query cut) becomes a notice.
 */
export function buildSearchPage(library: Library, read: ParamReader): SearchPageOutcome {
  const withTips = (model: PageWithoutTips): SearchPageModel => ({ ...model, tips: searchTips(library) });
  let request: SearchRequest;
  let notices: string[];
  let result: SearchResult | undefined;
  try {
    ({ request, notices } = readSearchRequest(read));
    if (!isOverview(request)) result = library.search(request);
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    return { model: withTips(errorModel(read, error.message)), status: 400 };
  }
  if (result === undefined) return { model: withTips(overviewModel(library, request, notices)), status: 200 };
  return { model: withTips(resultsModel(result, notices)), status: 200 };
}

/** What the builders below fill in; the tips are the same on every page of one library. */
type PageWithoutTips = Omit<SearchPageModel, 'tips'>;

/**
 * Nothing asked for yet: show what the archive holds instead of every article. Asking for an
 * order or a page (`?sort=newest`) browses the whole archive instead.
 */
function isOverview(request: SearchRequest): boolean {
  return (
    request.q.trim() === '' &&
    request.sources.length === 0 &&
    request.tags.length === 0 &&
    request.from === undefined &&
    request.to === undefined &&
    request.sort === 'relevance' &&
    request.offset === 0
  );
}

function formOf(request: SearchRequest): SearchFormModel {
  return {
    q: request.q,
    sources: request.sources,
    tags: request.tags,
    from: request.from ?? '',
    to: request.to ?? '',
    sort: request.sort,
  };
}

function titleFor(q: string): string {
  return q.trim() === '' ? `${SITE}: search the archive` : `${q.trim()} – ${SITE}`;
}

/** A fresh request like `request`, back on page one. */
function narrowed(request: SearchRequest, change: Partial<SearchRequest>): SearchRequest {
  const next: SearchRequest = { ...request, ...change, offset: 0 };
  if (next.from === undefined) delete next.from;
  if (next.to === undefined) delete next.to;
  return next;
}

function errorModel(read: ParamReader, message: string): PageWithoutTips {
  // Echo what was asked, leniently, so the user can fix it in the form.
  const first = (name: string) => read(name)[0] ?? '';
  const sort = SORT_ORDERS.find((order) => order === first('sort')) ?? 'relevance';
  const day = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');
  const form: SearchFormModel = {
    q: first('q'),
    sources: read('source').filter((value) => value.trim() !== ''),
    tags: read('tag').filter((value) => value.trim() !== ''),
    from: day(first('from')),
    to: day(first('to')),
    sort,
  };
  return { title: `Search problem – ${SITE}`, form, body: { kind: 'error', message }, chips: [], facets: [] };
}

function overviewModel(library: Library, request: SearchRequest, notices: string[]): PageWithoutTips {
  const stats = library.stats();
  const blank: SearchRequest = { ...request, q: '', sources: [], tags: [], sort: 'relevance', offset: 0 };
  delete blank.from;
  delete blank.to;
  const overview: OverviewModel = {
    documents: stats.documents,
    firstDate: stats.firstDate,
    lastDate: stats.lastDate,
    sources: stats.topSources.map(({ value, count }) => ({ label: value, count, href: searchHref({ ...blank, sources: [value] }) })),
    tags: stats.topTags.map(({ value, count }) => ({ label: value, count, href: searchHref({ ...blank, tags: [value] }) })),
    examples: exampleSearches(library, blank, stats),
    notices,
  };
  return { title: titleFor(''), form: formOf(request), body: { kind: 'overview', overview }, chips: [], facets: [] };
}

const EXAMPLES = 5;

/**
 * A few searches built from what this archive holds, never from words in the code: its top
 * tags and sources, names from its latest headlines, its latest year, its order.
 */
function exampleSearches(library: Library, blank: SearchRequest, stats: LibraryStats): LinkModel[] {
  const examples: LinkModel[] = [];
  const add = (label: string, request: SearchRequest) => {
    if (examples.length < EXAMPLES && !examples.some((example) => example.label === label)) examples.push({ label, href: searchHref(request) });
  };
  const tags = stats.topTags.map((tag) => tag.value);
  const sources = stats.topSources.map((source) => source.value);
  const [tag1, tag2, tag3] = tags;
  const [source1, source2] = sources;
  if (tag1 !== undefined) add(tag1.toLowerCase(), { ...blank, q: tag1.toLowerCase() });
  if (tag2 !== undefined && source1 !== undefined && sources.length > 1) {
    add(`${tag2.toLowerCase()}, from ${source1}`, { ...blank, q: tag2.toLowerCase(), sources: [source1] });
  }
  if (tag3 !== undefined) add(`newest tagged ${tag3}`, { ...blank, tags: [tag3], sort: 'newest' });
  for (const name of namesInLatestHeadlines(library, blank, 2)) add(name, { ...blank, q: name });
  const source = source2 ?? source1;
  if (source !== undefined) add(`${source}, oldest first`, { ...blank, sources: [source], sort: 'oldest' });
  const year = stats.lastDate?.slice(0, 4);
  if (year !== undefined) add(`everything from ${year}`, { ...blank, from: `${year}-01-01`, to: `${year}-12-31` });
  add('the latest articles', { ...blank, sort: 'newest' });
  return examples;
}

/** Capitalised words inside the newest headlines (names, mostly): searches that find something. */
function namesInLatestHeadlines(library: Library, blank: SearchRequest, count: number): string[] {
  const names: string[] = [];
  for (const hit of library.search({ ...blank, sort: 'newest', limit: 20 }).hits) {
    const words = hit.title.text.split(/\s+/).slice(1);
    for (const word of words) {
      const name = /^\p{Lu}\p{Ll}{3,}$/u.exec(word.replace(/[^\p{L}]+$/u, ''))?.[0];
      if (name !== undefined && !names.includes(name)) {
        names.push(name);
        break;
      }
    }
    if (names.length >= count) break;
  }
  return names;
}

function resultsModel(result: SearchResult, requestNotices: string[]): PageWithoutTips {
  const { request } = result;
  const hasFilters = request.sources.length > 0 || request.tags.length > 0 || request.from !== undefined || request.to !== undefined;
  const results: ResultsModel = {
    q: request.q,
    total: result.total,
    tookMs: result.tookMs,
    first: request.offset + 1,
    last: request.offset + result.hits.length,
    hits: result.hits.map((hit) => {
      const model: HitModel = {
        id: hit.id,
        href: articleHref(hit.id, request),
        title: hit.title,
        source: hit.source,
        date: hit.date,
        snippet: hit.snippet,
        tags: hit.tags.map((tag) => ({
          label: tag,
          href: searchHref(request.tags.includes(tag) ? narrowed(request, {}) : narrowed(request, { tags: [...request.tags, tag] })),
        })),
      };
      const url = webHref(hit.url);
      if (url !== undefined) model.url = url;
      return model;
    }),
    pagination: paginationOf(request, result.total),
    suggestion: result.suggestion === undefined ? undefined : { label: result.suggestion, href: searchHref(narrowed(request, { q: result.suggestion })) },
    widened: result.widened,
    notices: [...new Set([...requestNotices, ...result.notices])],
    hasFilters,
  };
  if (result.total > 0 && result.hits.length === 0) {
    const lastPage = lastPageOf(request, result.total);
    results.lastPage = { label: `Go to the last page (${lastPage})`, href: searchHref(request, lastPage) };
  }
  return {
    title: titleFor(request.q),
    form: formOf(request),
    body: { kind: 'results', results },
    chips: chipsOf(request),
    clearFiltersHref: hasFilters ? searchHref(narrowed(request, { sources: [], tags: [], from: undefined, to: undefined })) : undefined,
    facets: facetsOf(result),
    timeline: timelineOf(result),
  };
}

function lastPageOf(request: SearchRequest, total: number): number {
  const reachable = Math.floor(MAX_OFFSET / request.limit) + 1;
  return Math.max(1, Math.min(Math.ceil(total / request.limit), reachable));
}

function paginationOf(request: SearchRequest, total: number): PaginationModel | undefined {
  const last = lastPageOf(request, total);
  const current = Math.floor(request.offset / request.limit) + 1;
  if (last <= 1 || current > last) return undefined;
  const numbers = new Set<number>([1, last]);
  for (let page = current - PAGE_WINDOW; page <= current + PAGE_WINDOW; page++) if (page >= 1 && page <= last) numbers.add(page);
  const pages: PaginationModel['pages'] = [];
  let previous = 0;
  for (const number of [...numbers].sort((a, b) => a - b)) {
    if (number > previous + 1) pages.push(null);
    pages.push({ number, href: searchHref(request, number) });
    previous = number;
  }
  return {
    current,
    prev: current > 1 ? searchHref(request, current - 1) : undefined,
    next: current < last ? searchHref(request, current + 1) : undefined,
    pages,
  };
}

/** `2023` when from/to cover exactly that year, `2023-09` for exactly that month. */
function periodOf(from: string | undefined, to: string | undefined): string | undefined {
  if (from === undefined || to === undefined) return undefined;
  const year = from.slice(0, 4);
  if (from === `${year}-01-01` && to === `${year}-12-31`) return year;
  const month = from.slice(0, 7);
  if (from === `${month}-01` && to.startsWith(month)) {
    const lastDay = new Date(Date.UTC(Number(year), Number(from.slice(5, 7)), 0)).getUTCDate();
    if (to === `${month}-${String(lastDay).padStart(2, '0')}`) return month;
  }
  return undefined;
}

function chipsOf(request: SearchRequest): ChipModel[] {
  const chips: ChipModel[] = [
    ...request.sources.map((source): ChipModel => ({
      kind: 'source',
      value: source,
      removeHref: searchHref(narrowed(request, { sources: request.sources.filter((value) => value !== source) })),
    })),
    ...request.tags.map((tag): ChipModel => ({
      kind: 'tag',
      value: tag,
      removeHref: searchHref(narrowed(request, { tags: request.tags.filter((value) => value !== tag) })),
    })),
  ];
  const period = periodOf(request.from, request.to);
  if (period !== undefined) {
    chips.push({ kind: 'period', value: period, removeHref: searchHref(narrowed(request, { from: undefined, to: undefined })) });
  } else {
    if (request.from !== undefined) chips.push({ kind: 'from', value: request.from, removeHref: searchHref(narrowed(request, { from: undefined })) });
    if (request.to !== undefined) chips.push({ kind: 'to', value: request.to, removeHref: searchHref(narrowed(request, { to: undefined })) });
  }
  return chips;
}

function facetsOf(result: SearchResult): FacetGroupModel[] {
  const { request, facets } = result;
  const toggle = (values: string[], value: string) => (values.includes(value) ? values.filter((item) => item !== value) : [...values, value]);
  return [
    {
      key: 'source',
      title: 'Source',
      items: facets.source.map(({ value, count }) => ({
        value,
        count,
        active: request.sources.includes(value),
        href: searchHref(narrowed(request, { sources: toggle(request.sources, value) })),
      })),
    },
    {
      key: 'tags',
      title: 'Tags',
      items: facets.tags.map(({ value, count }) => ({
        value,
        count,
        active: request.tags.includes(value),
        href: searchHref(narrowed(request, { tags: toggle(request.tags, value) })),
      })),
    },
    {
      key: 'year',
      title: 'Year',
      items: facets.year.map(({ value, count }) => {
        const active = periodOf(request.from, request.to) === value;
        return {
          value,
          count,
          active,
          href: searchHref(active ? narrowed(request, { from: undefined, to: undefined }) : narrowed(request, { from: `${value}-01-01`, to: `${value}-12-31` })),
        };
      }),
    },
  ];
}

function timelineOf(result: SearchResult): TimelineModel | undefined {
  const { request, timeline } = result;
  if (timeline.buckets.length === 0) return undefined;
  return {
    unit: timeline.unit,
    bars: timeline.buckets.map((bucket) => ({
      label: bucket.label,
      count: bucket.count,
      active: request.from === bucket.from && request.to === bucket.to,
      href: bucket.count === 0 ? undefined : searchHref(narrowed(request, { from: bucket.from, to: bucket.to })),
    })),
  };
}
