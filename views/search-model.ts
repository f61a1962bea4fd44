import type { MarkedText, SortOrder } from '../src/library.ts';

/*
 * The search page's model: everything the page shows, links already built. Views never see
 * the index or the URL rules; `src/server/search-page-model.ts` fills this in.
 */

/** The search form's fields, echoed back as the user gave them. */
export interface SearchFormModel {
  q: string;
  sources: string[];
  tags: string[];
  from: string;
  to: string;
  sort: SortOrder;
}

export interface LinkModel {
  label: string;
  href: string;
}

export interface CountedLinkModel extends LinkModel {
  count: number;
}

export interface FacetItemModel {
  value: string;
  count: number;
  /** Adds the filter, or removes it when `active`. */
  href: string;
  active: boolean;
}

export interface FacetGroupModel {
  key: 'source' | 'tags' | 'year';
  title: string;
  items: FacetItemModel[];
}

/** An active filter, shown as a removable chip. `period` values are `2023` or `2023-09`. */
export interface ChipModel {
  kind: 'source' | 'tag' | 'from' | 'to' | 'period';
  value: string;
  removeHref: string;
}

export interface HitModel {
  id: string;
  href: string;
  title: MarkedText;
  source?: string | undefined;
  date?: string | undefined;
  tags: LinkModel[];
  snippet: MarkedText;
  /** Only when it is http(s). */
  url?: string | undefined;
}

export interface PaginationModel {
  current: number;
  prev?: string | undefined;
  next?: string | undefined;
  /** `null` stands for a gap (`…`). */
  pages: ({ number: number; href: string } | null)[];
}

export interface TimelineBarModel {
  /** `2023` or `2023-09`. */
  label: string;
  count: number;
  /** Absent for empty periods. */
  href?: string | undefined;
  active: boolean;
}

export interface TimelineModel {
  unit: 'year' | 'month';
  bars: TimelineBarModel[];
}

export interface OverviewModel {
  documents: number;
  firstDate?: string | undefined;
  lastDate?: string | undefined;
  sources: CountedLinkModel[];
  tags: CountedLinkModel[];
  examples: LinkModel[];
  /** What was changed to make the request usable (a date that did not parse was ignored). */
  notices: string[];
}

export interface ResultsModel {
  q: string;
  total: number;
  tookMs: number;
  /** 1-based positions of the first and last hit shown. */
  first: number;
  last: number;
  hits: HitModel[];
  pagination?: PaginationModel | undefined;
  /** "Did you mean". */
  suggestion?: LinkModel | undefined;
  widened: boolean;
  notices: string[];
  /** Set when the page asked for lies past the last result. */
  lastPage?: LinkModel | undefined;
  hasFilters: boolean;
}

export type SearchBodyModel =
  | { kind: 'overview'; overview: OverviewModel }
  | { kind: 'results'; results: ResultsModel }
  | { kind: 'error'; message: string };

/** One operator of the query language, with a search that shows it. */
export interface SearchTipModel {
  /** What to type, fixed text (`"exact phrase"`); several spellings of one operator in turn. */
  syntax: string[];
  /** What it finds, in a sentence or two. */
  meaning: string;
  /** The example search: `label` is the query as typed, `href` its results. */
  example: LinkModel;
}

export interface SearchPageModel {
  title: string;
  form: SearchFormModel;
  /** The "Search tips" under the search box. */
  tips: SearchTipModel[];
  body: SearchBodyModel;
  chips: ChipModel[];
  clearFiltersHref?: string | undefined;
  facets: FacetGroupModel[];
  timeline?: TimelineModel | undefined;
}
