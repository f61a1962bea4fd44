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

/** True when the document passes every filter except the one named `ignore`. */
export function passesFilter(index: ArticleIndex, doc: number, filter: DocumentFilter, ignore?: FacetName): boolean {
  if (filter.sourceIds && ignore !== 'source' && !filter.sourceIds.has(index.sourceOf[doc]!)) return false;
  if (filter.tagIds && ignore !== 'tags' && !index.tagsOf[doc]!.some((tag) => filter.tagIds!.has(tag))) return false;
  if (ignore !== 'date' && (filter.fromTime !== undefined || filter.toTime !== undefined)) {
    const time = index.times[doc]!;
    if (Number.isNaN(time)) return false;
    if (filter.fromTime !== undefined && time < filter.fromTime) return false;
    if (filter.toTime !== undefined && time > filter.toTime) return false;
  }
  return true;
}

/**
 * Counts per source, tag and year over the matching documents. Each facet is counted with
 * the other facets' filters applied but not its own, so choosing one source still shows
 * how many the other sources would add (values of one facet are OR-ed).
 */
export function countFacets(index: ArticleIndex, docs: Iterable<number>, filter: DocumentFilter): Facets {
  const sourceCounts = new Map<number, number>();
  const tagCounts = new Map<number, number>();
  const yearCounts = new Map<number, number>();
  for (const doc of docs) {
    if (passesFilter(index, doc, filter, 'source')) {
      const source = index.sourceOf[doc]!;
      if (source >= 0) sourceCounts.set(source, (sourceCounts.get(source) ?? 0) + 1);
    }
    if (passesFilter(index, doc, filter, 'tags')) {
      for (const tag of index.tagsOf[doc]!) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    }
    if (passesFilter(index, doc, filter, 'date')) {
      const time = index.times[doc]!;
      if (!Number.isNaN(time)) {
        const year = new Date(time).getUTCFullYear();
        yearCounts.set(year, (yearCounts.get(year) ?? 0) + 1);
      }
    }
  }
  return {
    source: topCounts(sourceCounts, (id) => index.sources[id]!),
    tags: topCounts(tagCounts, (id) => index.tags[id]!),
    year: [...yearCounts]
      .sort(([a], [b]) => b - a)
      .slice(0, MAX_FACET_VALUES)
      .map(([year, count]) => ({ value: String(year), count })),
  };
}

function topCounts(counts: Map<number, number>, name: (id: number) => string): FacetCount[] {
  return [...counts]
    .map(([id, count]) => ({ value: name(id), count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, MAX_FACET_VALUES);
}
