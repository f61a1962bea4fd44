import SearchableMap from 'minisearch/SearchableMap';
import type { Article, ArticleId } from '../article.ts';
import { foldWord, rawWords, tokenize } from '../analysis/analyze.ts';
import { analyzerFor, termsOfTokens, type Analyzer } from '../analysis/analyzer.ts';
import { Dictionary } from './dictionary.ts';
import { PostingsBuilder, type Postings } from './postings.ts';
import { PhraseIndexBuilder, PhraseMatcher, type PhraseIndex } from './phrase-index.ts';
import { languageCode } from '../analysis/languages.ts';
import { QueryEvaluator, rarity, type Evaluation, type MatchQuery, type ScoringOptions, type SearchField } from './evaluate-query.ts';

export type { Evaluation, MatchQuery, ScoringOptions, SearchField };
export { rarity };

/** The fields the index searches, in the order of its postings. */
export const SEARCH_FIELDS = ['title', 'tags', 'source', 'body'] as const satisfies readonly SearchField[];

/** Epoch milliseconds of an article's date; NaN when it has none. */
export function dateToTime(date: string | undefined): number {
  if (date === undefined) return Number.NaN;
  // ISO date-times without a zone would be read as local time; the archive has no zone, so UTC.
  const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(date) ? `${date}Z` : date;
  return Date.parse(zoned);
}

/** The text of one field of an article, as indexed. */
function fieldText(article: Article, field: SearchField): string {
  if (field === 'tags') return article.tags.join(' ');
  if (field === 'source') return [article.source, article.author].filter(Boolean).join(' ');
  return field === 'title' ? article.title : article.body;
}

/**
 * A loaded index: postings for matching and scoring, plus a document store and compact
 * per-document facet columns that results, snippets, facets and article pages read.
 * Documents are numbered by their position in `articles`.
 */
export class ArticleIndex {
  readonly articles: readonly Article[];
  readonly builtAt: string;
  /** Facet columns, one entry per document. */
  readonly times: Float64Array;
  /** `year * 12 + month - 1` of each article's date, -1 when it has none. */
  readonly months: Int32Array;
  /** The earliest month of `months` and how many months reach to the latest: for counting by month in an array. */
  readonly firstMonth: number;
  readonly monthSpan: number;
  readonly sourceOf: Int32Array;
  readonly sources: readonly string[];
  /** The tags of document `d` are `tagIds[tagStarts[d]]` to `tagIds[tagStarts[d + 1] - 1]`, each once. */
  readonly tagStarts: Uint32Array;
  readonly tagIds: Int32Array;
  readonly tags: readonly string[];
  /** Every word of the archive as written (folded), with how often it occurs: for completion and spelling. */
  readonly words: SearchableMap<number>;
  /** How many distinct terms the index holds. */
  readonly termCount: number;
  /** The languages of the articles (ISO 639-1), so a query is analysed in each of them. */
  readonly languages: readonly string[];
  /**
   * What the indexer recorded about the files the articles came from, for re-indexing only what
   * changed. Plain data the index stores and returns, and never reads.
   */
  readonly manifest: readonly unknown[];
  readonly postings: Postings;
  readonly phraseIndex: PhraseIndex;
  /** Checks phrases in titles and bodies without reading their text. */
  readonly phrases: PhraseMatcher;
  readonly #evaluator: QueryEvaluator;
  readonly #docById: Map<ArticleId, number>;

  constructor(
    postings: Postings,
    phraseIndex: PhraseIndex,
    articles: readonly Article[],
    builtAt: string,
    words: SearchableMap<number>,
    manifest: readonly unknown[] = [],
  ) {
    this.manifest = manifest;
    this.postings = postings;
    this.phraseIndex = phraseIndex;
    this.phrases = new PhraseMatcher(phraseIndex);
    this.articles = articles;
    this.builtAt = builtAt;
    this.words = words;
    this.termCount = postings.terms.length;
    this.#evaluator = new QueryEvaluator(postings, SEARCH_FIELDS);
    this.#docById = new Map(articles.map((article, doc) => [article.id, doc]));

    this.times = Float64Array.from(articles, (article) => dateToTime(article.date));
    this.months = Int32Array.from(this.times, (time) => {
      if (Number.isNaN(time)) return -1;
      const date = new Date(time);
      return date.getUTCFullYear() * 12 + date.getUTCMonth();
    });
    let [first, last] = [Infinity, -Infinity];
    for (const month of this.months) {
      if (month < 0) continue;
      if (month < first) first = month;
      if (month > last) last = month;
    }
    this.firstMonth = last < 0 ? 0 : first;
    this.monthSpan = last < 0 ? 0 : last - first + 1;
    const sources = new Dictionary();
    this.sourceOf = Int32Array.from(articles, (article) =>
      article.source === undefined || article.source === '' ? -1 : sources.idOf(article.source),
    );
    this.sources = sources.values;
    const tags = new Dictionary();
    this.tagStarts = new Uint32Array(articles.length + 1);
    const tagIds: number[] = [];
    articles.forEach((article, doc) => {
      for (const tag of new Set(article.tags)) tagIds.push(tags.idOf(tag));
      this.tagStarts[doc + 1] = tagIds.length;
    });
    this.tagIds = Int32Array.from(tagIds);
    this.tags = tags.values;
    this.languages = [...new Set(articles.map((article) => languageCode(article.lang)))].sort();
  }

  get size(): number {
    return this.articles.length;
  }

  docOf(id: ArticleId): number | undefined {
    return this.#docById.get(id);
  }

  /** Every document that matches, scored by BM25 with the field boosts. */
  match(query: MatchQuery, scoring: ScoringOptions): Evaluation {
    return this.#evaluator.evaluate(query, scoring);
  }

  /** At least this many documents match `query`, from the lengths of its terms' postings, without evaluating it. */
  leastMatches(query: MatchQuery): number {
    return this.#evaluator.leastMatches(query);
  }
}

/** Builds the index of a set of articles; a later article with the same id replaces an earlier one. */
export function buildIndex(articles: Iterable<Article>, builtAt = new Date().toISOString(), manifest: readonly unknown[] = []): ArticleIndex {
  const byId = new Map<ArticleId, Article>();
  for (const article of articles) {
    byId.delete(article.id);
    byId.set(article.id, article);
  }
  const unique = [...byId.values()];
  const builder = new PostingsBuilder(SEARCH_FIELDS.length);
  const phrases = new PhraseIndexBuilder();
  const words = new Dictionary();
  const wordCounts: number[] = [];
  // An archive repeats a small vocabulary: each distinct word as written is analysed once.
  const analysed = new Map<Analyzer, Map<string, WordAnalysis>>();
  for (const article of unique) {
    const analyzer = analyzerFor(article.lang);
    let cache = analysed.get(analyzer);
    if (cache === undefined) analysed.set(analyzer, (cache = new Map()));
    const fieldTerms: number[][] = [];
    const phraseWords: number[][] = [];
    for (const field of SEARCH_FIELDS) {
      const terms: number[] = [];
      const sequence: number[] = [];
      for (const raw of rawWords(fieldText(article, field))) {
        let entry = cache.get(raw);
        if (entry === undefined) {
          entry = analyseWord(raw, analyzer, builder, phrases, words);
          while (wordCounts.length < words.values.length) wordCounts.push(0);
          if (cache.size >= ANALYSIS_CACHE_LIMIT) cache.clear();
          cache.set(raw, entry);
        }
        for (let i = 0; i < entry.terms.length; i++) terms.push(entry.terms[i]!);
        for (let i = 0; i < entry.words.length; i++) wordCounts[entry.words[i]!]!++;
        for (let i = 0; i < entry.phrase.length; i++) sequence.push(entry.phrase[i]!);
      }
      fieldTerms.push(terms);
      phraseWords.push(sequence);
    }
    builder.addDocument(fieldTerms);
    phrases.addDocument(phraseWords[SEARCH_FIELDS.indexOf('title')]!, phraseWords[SEARCH_FIELDS.indexOf('body')]!);
  }
  const wordList = words.values.map((word, id): [string, number] => [word, wordCounts[id]!]);
  return restoreIndex(builder.finish(), phrases.finish(), unique, builtAt, wordList, manifest);
}

const ANALYSIS_CACHE_LIMIT = 1_000_000;

/** A word as written, analysed: its index terms, its words for phrases and its entries in the completion dictionary. */
interface WordAnalysis {
  terms: number[];
  phrase: number[];
  words: number[];
}

function analyseWord(raw: string, analyzer: Analyzer, builder: PostingsBuilder, phrases: PhraseIndexBuilder, words: Dictionary): WordAnalysis {
  const tokens = tokenize(raw);
  return {
    phrase: tokens.filter((token) => !token.compound).map((token) => phrases.wordId(foldWord(token.word))),
    terms: termsOfTokens(tokens, analyzer).map((term) => builder.termId(term)),
    // The completion dictionary: every word as written, stop words and hyphenated wholes aside.
    words: tokens.filter((token) => !token.compound && !analyzer.isStopWord(token.word)).map((token) => words.idOf(foldWord(token.word))),
  };
}

/** An index over `articles` from its postings, phrase index and word counts (built, or read from a snapshot). */
export function restoreIndex(
  postings: Postings,
  phraseIndex: PhraseIndex,
  articles: readonly Article[],
  builtAt: string,
  words: Iterable<[string, number]>,
  manifest: readonly unknown[] = [],
): ArticleIndex {
  return new ArticleIndex(postings, phraseIndex, articles, builtAt, SearchableMap.from(words) as SearchableMap<number>, manifest);
}
