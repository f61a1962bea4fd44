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

type FacetName = 'source' | 'tags' | 'date';

/** True when the filter lets every document through. */
export function isUnfiltered(filter: DocumentFilter): boolean {
  return filter.sourceIds === undefined && filter.tagIds === undefined && filter.fromTime === undefined && filter.toTime === undefined;
}

/** True when the document passes every filter except the one named `ignore`. */
export function passesFilter(index: ArticleIndex, doc: number, filter: DocumentFilter, ignore?: FacetName): boolean {
  if (filter.sourceIds && ignore !== 'source' && !filter.sourceIds.has(index.sourceOf[doc]!)) return false;
  if (filter.tagIds && ignore !== 'tags' && !hasTag(index, doc, filter.tagIds)) return false;
  if (ignore !== 'date' && (filter.fromTime !== undefined || filter.toTime !== undefined)) {
    const time = index.times[doc]!;
    if (Number.isNaN(time)) return false;
    if (filter.fromTime !== undefined && time < filter.fromTime) return false;
    if (filter.toTime !== undefined && time > filter.toTime) return false;
  }
  return true;
}

function hasTag(index: ArticleIndex, doc: number, wanted: Set<number>): boolean {
  for (let at = index.tagStarts[doc]!; at < index.tagStarts[doc + 1]!; at++) if (wanted.has(index.tagIds[at]!)) return true;
  return false;
}

/**
 * Counts per source, tag and year over the matching documents. Each facet is counted with
 * the other facets' filters applied but not its own, so choosing one source still shows
 * how many the other sources would add (values of one facet are OR-ed).
 */
export function countFacets(index: ArticleIndex, docs: ArrayLike<number>, filter: DocumentFilter): Facets {
  // Typed arrays indexed by dictionary id or month: no map lookups in a loop that sees every match.
  const sourceCounts = new Int32Array(index.sources.length);
  const tagCounts = new Int32Array(index.tags.length);
  const monthCounts = new Int32Array(index.monthSpan);
  const unfiltered = isUnfiltered(filter);
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    if (unfiltered || passesFilter(index, doc, filter, 'source')) {
      const source = index.sourceOf[doc]!;
      if (source >= 0) sourceCounts[source]!++;
    }
    if (unfiltered || passesFilter(index, doc, filter, 'tags')) {
      for (let at = index.tagStarts[doc]!; at < index.tagStarts[doc + 1]!; at++) tagCounts[index.tagIds[at]!]!++;
    }
    if (unfiltered || passesFilter(index, doc, filter, 'date')) {
      const month = index.months[doc]!;
      if (month >= 0) monthCounts[month - index.firstMonth]!++;
    }
  }
  const yearCounts = new Map<number, number>();
  monthCounts.forEach((count, i) => {
    const year = Math.floor((index.firstMonth + i) / 12);
    if (count > 0) yearCounts.set(year, (yearCounts.get(year) ?? 0) + count);
  });
  return {
    source: topCounts(sourceCounts, index.sources),
    tags: topCounts(tagCounts, index.tags),
    year: [...yearCounts]
      .sort(([a], [b]) => b - a)
      .slice(0, MAX_FACET_VALUES)
      .map(([year, count]) => ({ value: String(year), count })),
  };
}

function topCounts(counts: Int32Array, names: readonly string[]): FacetCount[] {
  const present: FacetCount[] = [];
  counts.forEach((count, id) => {
    if (count > 0) present.push({ value: names[id]!, count });
  });
  return present.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, MAX_FACET_VALUES);
}
