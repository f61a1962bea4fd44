import MiniSearch, { type AsPlainObject, type Options, type Query } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Article, ArticleId } from '../article.ts';
import { analyzeTerms } from '../analysis/analyze.ts';

/** The fields MiniSearch indexes; article bodies are indexed but never stored in it. */
export const SEARCH_FIELDS = ['title', 'tags', 'source', 'body'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** Title above tags above source above body. */
export const FIELD_BOOSTS: Record<SearchField, number> = { title: 3, tags: 2, source: 1.5, body: 1 };

/**
 * What the query stage may ask the index for, without knowing MiniSearch:
 * a term (optionally as a prefix, with typo tolerance, or in some fields only), or a
 * combination of queries.
 */
export type MatchQuery =
  | { kind: 'term'; term: string; prefix?: boolean; fuzzy?: number; fields?: SearchField[] }
  | { kind: 'and' | 'or'; children: MatchQuery[] }
  | { kind: 'and_not'; include: MatchQuery; exclude: MatchQuery };

export interface Match {
  /** The article's position in the document store. */
  doc: number;
  score: number;
  /** The indexed terms that matched (after prefix and typo expansion). */
  terms: string[];
}

interface IndexedDocument {
  doc: number;
  article: Article;
}

/** Epoch milliseconds of an article's date; NaN when it has none. */
export function dateToTime(date: string | undefined): number {
  if (date === undefined) return Number.NaN;
  // ISO date-times without a zone would be read as local time; the archive has no zone, so UTC.
  const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(date) ? `${date}Z` : date;
  return Date.parse(zoned);
}

export function miniSearchOptions(): Options<IndexedDocument> {
  return {
    idField: 'doc',
    fields: [...SEARCH_FIELDS],
    storeFields: [],
    extractField: (document, field) => {
      if (field === 'doc') return document.doc;
      const { article } = document;
      if (field === 'tags') return article.tags.join(' ');
      if (field === 'source') return [article.source, article.author].filter(Boolean).join(' ');
      return field === 'title' ? article.title : article.body;
    },
    tokenize: analyzeTerms,
    // Terms arrive already analysed by `tokenize`; a second pass would only cost time.
    processTerm: (term) => term,
    searchOptions: { boost: FIELD_BOOSTS },
  };
}

/**
 * A loaded index: MiniSearch for matching and scoring, plus a document store and compact
 * per-document facet columns that results, snippets, facets and article pages read.
 * Documents are numbered by their position in `articles`.
 */
export class ArticleIndex {
  readonly articles: readonly Article[];
  readonly builtAt: string;
  /** Facet columns, one entry per document. */
  readonly times: Float64Array;
  readonly sourceOf: Int32Array;
  readonly sources: readonly string[];
  readonly tagsOf: readonly (readonly number[])[];
  readonly tags: readonly string[];
  /** Every indexed term with the number of postings it has, for completion and spelling. */
  readonly terms: SearchableMap<number>;
  readonly #miniSearch: MiniSearch<IndexedDocument>;
  readonly #docById: Map<ArticleId, number>;

  constructor(miniSearch: MiniSearch<IndexedDocument>, articles: readonly Article[], builtAt: string, terms: SearchableMap<number>) {
    this.#miniSearch = miniSearch;
    this.articles = articles;
    this.builtAt = builtAt;
    this.terms = terms;
    this.#docById = new Map(articles.map((article, doc) => [article.id, doc]));

    this.times = Float64Array.from(articles, (article) => dateToTime(article.date));
    const sources = new Dictionary();
    this.sourceOf = Int32Array.from(articles, (article) =>
      article.source === undefined || article.source === '' ? -1 : sources.idOf(article.source),
    );
    this.sources = sources.values;
    const tags = new Dictionary();
    this.tagsOf = articles.map((article) => [...new Set(article.tags.map((tag) => tags.idOf(tag)))]);
    this.tags = tags.values;
  }

  get size(): number {
    return this.articles.length;
  }

  docOf(id: ArticleId): number | undefined {
    return this.#docById.get(id);
  }

  /** Every document that matches, scored by MiniSearch's BM25 with the field boosts. */
  match(query: MatchQuery, boostDocument?: (doc: number) => number): Match[] {
    const results = this.#miniSearch.search(toMiniSearchQuery(query), {
      boost: FIELD_BOOSTS,
      ...(boostDocument ? { boostDocument: (doc: number) => boostDocument(doc) } : {}),
    });
    return results.map((result) => ({ doc: result.id as number, score: result.score, terms: result.terms }));
  }

  /** The plain object MiniSearch serializes to; the snapshot writes it piece by piece. */
  toPlainObject(): AsPlainObject {
    return this.#miniSearch.toJSON();
  }
}

/** Builds the index of a set of articles; a later article with the same id replaces an earlier one. */
export function buildIndex(articles: Iterable<Article>, builtAt = new Date().toISOString()): ArticleIndex {
  const byId = new Map<ArticleId, Article>();
  for (const article of articles) {
    byId.delete(article.id);
    byId.set(article.id, article);
  }
  const unique = [...byId.values()];
  const miniSearch = new MiniSearch<IndexedDocument>(miniSearchOptions());
  miniSearch.addAll(unique.map((article, doc) => ({ doc, article })));
  return new ArticleIndex(miniSearch, unique, builtAt, termDictionary(miniSearch.toJSON()));
}

/** Restores an index from its serialized MiniSearch object and document store. */
export function restoreIndex(plain: AsPlainObject, articles: readonly Article[], builtAt: string): ArticleIndex {
  const terms = termDictionary(plain);
  const miniSearch = MiniSearch.loadJS<IndexedDocument>(plain, miniSearchOptions());
  return new ArticleIndex(miniSearch, articles, builtAt, terms);
}

function termDictionary(plain: AsPlainObject): SearchableMap<number> {
  const terms = new SearchableMap<number>();
  for (const [term, fields] of plain.index) {
    let postings = 0;
    for (const entry of Object.values(fields)) postings += Object.keys(entry).length;
    terms.set(term, postings);
  }
  return terms;
}

function toMiniSearchQuery(query: MatchQuery): Query {
  switch (query.kind) {
    case 'term':
      return {
        queries: [query.term],
        prefix: query.prefix ?? false,
        fuzzy: query.fuzzy ?? false,
        ...(query.fields ? { fields: query.fields } : {}),
      };
    case 'and':
    case 'or':
      return { combineWith: query.kind === 'and' ? 'AND' : 'OR', queries: query.children.map(toMiniSearchQuery) };
    case 'and_not':
      return { combineWith: 'AND_NOT', queries: [toMiniSearchQuery(query.include), toMiniSearchQuery(query.exclude)] };
  }
}

/** Interns strings as small integers so facet columns stay compact. */
class Dictionary {
  readonly values: string[] = [];
  readonly #ids = new Map<string, number>();

  idOf(value: string): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.#ids.set(value, id);
    }
    return id;
  }
}
