import MiniSearch, { type AsPlainObject, type Options, type Query } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Article, ArticleId } from '../article.ts';
import { foldWord, tokenize } from '../analysis/analyze.ts';
import { analyzerFor, termsOfTokens } from '../analysis/analyzer.ts';
import { languageCode } from '../analysis/languages.ts';

/** The fields MiniSearch indexes; article bodies are indexed but never stored in it. */
export const SEARCH_FIELDS = ['title', 'tags', 'source', 'body'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/**
 * What the query stage may ask the index for, without knowing MiniSearch: analysed terms
 * (optionally as a prefix, with typo tolerance, in some fields only, or weighted), every
 * document, or a combination of queries.
 */
export type MatchQuery =
  | { kind: 'term'; term: string; prefix?: boolean; fuzzy?: number; fields?: SearchField[]; weight?: number }
  | { kind: 'and' | 'or'; children: MatchQuery[] }
  | { kind: 'and_not'; include: MatchQuery; exclude: MatchQuery }
  | { kind: 'all' };

/** How MiniSearch scores: BM25 parameters, field boosts and expansion weights. */
export interface ScoringOptions {
  bm25: { k: number; b: number; d: number };
  fieldBoosts: Record<SearchField, number>;
  prefixWeight: number;
  fuzzyWeight: number;
}

export interface Match {
  /** The article's position in the document store. */
  doc: number;
  /** BM25 summed over the matched terms, before any coordination factor. */
  score: number;
  /** The indexed terms of the document that matched (after prefix and typo expansion). */
  terms: string[];
  /** The query terms that found the document. */
  queryTerms: string[];
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

const SPACE = ' ';

/**
 * MiniSearch's options. Fields are analysed in `extractField`, where the article's language
 * is known; MiniSearch then only splits the analysed terms apart again. `onWord` sees every
 * word as written, for the completion dictionary.
 */
export function miniSearchOptions(onWord?: (word: string) => void): Options<IndexedDocument> {
  return {
    idField: 'doc',
    fields: [...SEARCH_FIELDS],
    storeFields: [],
    extractField: (document, field) => {
      if (field === 'doc') return document.doc;
      const { article } = document;
      const text =
        field === 'tags'
          ? article.tags.join(' ')
          : field === 'source'
            ? [article.source, article.author].filter(Boolean).join(' ')
            : field === 'title'
              ? article.title
              : article.body;
      const analyzer = analyzerFor(article.lang);
      const tokens = tokenize(text);
      if (onWord) {
        for (const token of tokens) if (!token.compound && !analyzer.isStopWord(token.word)) onWord(foldWord(token.word));
      }
      return termsOfTokens(tokens, analyzer).join(SPACE);
    },
    tokenize: (text) => text.split(SPACE),
    processTerm: (term) => term || null,
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
  /** Every word of the archive as written (folded), with how often it occurs: for completion and spelling. */
  readonly words: SearchableMap<number>;
  /** How many distinct terms the index holds. */
  readonly termCount: number;
  /** The languages of the articles (ISO 639-1), so a query is analysed in each of them. */
  readonly languages: readonly string[];
  readonly #miniSearch: MiniSearch<IndexedDocument>;
  readonly #docById: Map<ArticleId, number>;

  constructor(
    miniSearch: MiniSearch<IndexedDocument>,
    articles: readonly Article[],
    builtAt: string,
    words: SearchableMap<number>,
  ) {
    this.#miniSearch = miniSearch;
    this.articles = articles;
    this.builtAt = builtAt;
    this.words = words;
    this.termCount = miniSearch.termCount;
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
    this.languages = [...new Set(articles.map((article) => languageCode(article.lang)))].sort();
  }

  get size(): number {
    return this.articles.length;
  }

  docOf(id: ArticleId): number | undefined {
    return this.#docById.get(id);
  }

  /** Every document that matches, scored by MiniSearch's BM25 with the field boosts. */
  match(query: MatchQuery, scoring: ScoringOptions): Match[] {
    const results = this.#miniSearch.search(toMiniSearchQuery(query), {
      boost: scoring.fieldBoosts,
      bm25: scoring.bm25,
      weights: { prefix: scoring.prefixWeight, fuzzy: scoring.fuzzyWeight },
    });
    return results.map((result) => ({
      doc: result.id as number,
      // MiniSearch multiplies by the number of query terms matched; coordination is ours to decide.
      score: result.score / Math.max(1, result.queryTerms.length),
      terms: result.terms,
      queryTerms: result.queryTerms,
    }));
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
  const words = new SearchableMap<number>();
  const miniSearch = new MiniSearch<IndexedDocument>(miniSearchOptions((word) => words.update(word, (count = 0) => count + 1)));
  miniSearch.addAll(unique.map((article, doc) => ({ doc, article })));
  return new ArticleIndex(miniSearch, unique, builtAt, words);
}

/** Restores an index from its serialized MiniSearch object, document store and word counts. */
export function restoreIndex(plain: AsPlainObject, articles: readonly Article[], builtAt: string, words: Iterable<[string, number]>): ArticleIndex {
  const miniSearch = MiniSearch.loadJS<IndexedDocument>(plain, miniSearchOptions());
  return new ArticleIndex(miniSearch, articles, builtAt, SearchableMap.from(words) as SearchableMap<number>);
}

function toMiniSearchQuery(query: MatchQuery): Query {
  switch (query.kind) {
    case 'term':
      return {
        queries: [query.term],
        prefix: query.prefix ?? false,
        fuzzy: query.fuzzy ?? false,
        ...(query.fields ? { fields: query.fields } : {}),
        ...(query.weight !== undefined ? { boostTerm: () => query.weight! } : {}),
      };
    case 'and':
    case 'or':
      return { combineWith: query.kind === 'and' ? 'AND' : 'OR', queries: query.children.map(toMiniSearchQuery) };
    case 'and_not':
      return { combineWith: 'AND_NOT', queries: [toMiniSearchQuery(query.include), toMiniSearchQuery(query.exclude)] };
    case 'all':
      return MiniSearch.wildcard;
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
