import type { ArticleIndex } from '../index/article-index.ts';
import type { FacetCount, Facets, SearchRequest } from '../library.ts';

const MAX_FACET_VALUES = 20;

/** The filters of a request, resolved once against the index's facet columns. */
export interface DocumentFilter {
  sourceIds?: Set<number>;
  tagIds?: Set<number>;
  fromTime?: number;
  toTime?: number;
}

export function resolveFilter(index: ArticleIndex, request: SearchRequest): DocumentFilter {
  const filter: DocumentFilter = {};
  if (request.sources.length > 0) {
    const wanted = new Set(request.sources.map((source) => source.toLowerCase()));
    filter.sourceIds = idsOf(index.sources, wanted);
  }
  if (request.tags.length > 0) {
    const wanted = new Set(request.tags.map((tag) => tag.toLowerCase()));
    filter.tagIds = idsOf(index.tags, wanted);
  }
  if (request.from !== undefined) filter.fromTime = Date.parse(`${request.from}T00:00:00Z`);
  if (request.to !== undefined) filter.toTime = Date.parse(`${request.to}T23:59:59.999Z`);
  return filter;
}

/** Facet values match whatever their case, as people type them. */
function idsOf(values: readonly string[], wanted: Set<string>): Set<number> {
  const ids = new Set<number>();
  values.forEach((value, id) => {
    if (wanted.has(value.toLowerCase())) ids.add(id);
  });
  return ids;
}

/** True when the filter lets every document through. */
export function isUnfiltered(filter: DocumentFilter): boolean {
  return filter.sourceIds === undefined && filter.tagIds === undefined && filter.fromTime === undefined && filter.toTime === undefined;
}

/** True when the document passes every filter. */
export function passesFilter(index: ArticleIndex, doc: number, filter: DocumentFilter): boolean {
  if (filter.sourceIds && !filter.sourceIds.has(index.sourceOf[doc]!)) return false;
  if (filter.tagIds && !hasTag(index, doc, filter.tagIds)) return false;
  if (filter.fromTime !== undefined || filter.toTime !== undefined) {
    return withinDates(index.times[doc]!, filter.fromTime, filter.toTime);
  }
  return true;
}

/** An undated article is outside every date range. */
function withinDates(time: number, from: number | undefined, to: number | undefined): boolean {
  return !Number.isNaN(time) && (from === undefined || time >= from) && (to === undefined || time <= to);
}

function hasTag(index: ArticleIndex, doc: number, wanted: Set<number>): boolean {
  for (let at = index.tagStarts[doc]!; at < index.tagStarts[doc + 1]!; at++) if (wanted.has(index.tagIds[at]!)) return true;
  return false;
}

/**
 * Counts per source, tag and year over the matching documents. Each facet is counted with
 * the other facets' filters applied but not its own, so choosing one source still shows
 * how many the other sources would add (values of one facet are OR-ed). `months` are the
 * counts the year facet is made of, per month from the index's first month.
 */
export function countFacets(index: ArticleIndex, docs: ArrayLike<number>, filter: DocumentFilter): { facets: Facets; months: Int32Array } {
  // Typed arrays indexed by dictionary id or month: no map lookups in a loop that sees every match.
  const sourceCounts = new Int32Array(index.sources.length);
  const tagCounts = new Int32Array(index.tags.length);
  const monthCounts = new Int32Array(index.monthSpan);
  const { sourceOf, tagStarts, tagIds, months, firstMonth } = index;
  const { sourceIds, tagIds: wantedTags, fromTime, toTime } = filter;
  const dated = fromTime !== undefined || toTime !== undefined;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    // Each filter is checked once per document; a facet counts the documents that pass the others.
    const source = sourceOf[doc]!;
    const bySource = sourceIds === undefined || sourceIds.has(source);
    const byTags = wantedTags === undefined || hasTag(index, doc, wantedTags);
    const byDate = !dated || withinDates(index.times[doc]!, fromTime, toTime);
    if (byTags && byDate && source >= 0) sourceCounts[source]!++;
    if (bySource && byDate) for (let at = tagStarts[doc]!; at < tagStarts[doc + 1]!; at++) tagCounts[tagIds[at]!]!++;
    if (bySource && byTags) {
      const month = months[doc]!;
      if (month >= 0) monthCounts[month - firstMonth]!++;
    }
  }
  const yearCounts = new Map<number, number>();
  monthCounts.forEach((count, i) => {
    const year = Math.floor((index.firstMonth + i) / 12);
    if (count > 0) yearCounts.set(year, (yearCounts.get(year) ?? 0) + count);
  });
  const facets: Facets = {
    source: topCounts(sourceCounts, index.sources),
    tags: topCounts(tagCounts, index.tags),
    year: [...yearCounts]
      .sort(([a], [b]) => b - a)
      .slice(0, MAX_FACET_VALUES)
      .map(([year, count]) => ({ value: String(year), count })),
  };
  return { facets, months: monthCounts };
}

function topCounts(counts: Int32Array, names: readonly string[]): FacetCount[] {
  const present: FacetCount[] = [];
  counts.forEach((count, id) => {
    if (count > 0) present.push({ value: names[id]!, count });
  });
  return present.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, MAX_FACET_VALUES);
}
