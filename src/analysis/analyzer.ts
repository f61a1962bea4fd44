import { foldWord, lowerWord, tokenize, type Token } from './analyze.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, languageCode } from './languages.ts';

/**
 * Marks the exact (unstemmed) form of a word in the index, so `toasts` can rank an article
 * that says "toasts" above one that says "toast". It cannot start a word, so prefix
 * searches over plain terms never see these.
 */
export const EXACT_MARK = '=';

/** How one language turns words into index terms. */
export interface Analyzer {
  readonly language: string;
  /** The stemmed, folded term of a word from `tokenize`, or undefined for a stop word. */
  term(word: string): string | undefined;
  isStopWord(word: string): boolean;
}

const CACHE_LIMIT = 200_000;
const analyzers = new Map<string, Analyzer>();

/** The analyzer of an article's or a query's language (English when unknown). */
export function analyzerFor(lang?: string): Analyzer {
  const code = languageCode(lang);
  let analyzer = analyzers.get(code);
  if (analyzer === undefined) {
    analyzer = createAnalyzer(code);
    analyzers.set(code, analyzer);
  }
  return analyzer;
}

export const defaultAnalyzer = (): Analyzer => analyzerFor(DEFAULT_LANGUAGE);

function createAnalyzer(code: string): Analyzer {
  const language = LANGUAGES[code]!;
  const stopWords = new Set(language.stopWords.map((word) => foldWord(lowerWord(word))));
  // A text repeats a small vocabulary: most words are stemmed once, then looked up.
  const cache = new Map<string, string | null>();
  const isStopWord = (word: string) => stopWords.has(foldWord(word));
  return {
    language: code,
    isStopWord,
    term(word) {
      let term = cache.get(word);
      if (term === undefined) {
        term = isStopWord(word)
          ? null
          : language.foldBeforeStemming
            ? language.stem(foldWord(word))
            : foldWord(language.stem(word));
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(word, term);
      }
      return term ?? undefined;
    },
  };
}

/** The exact-form term of a word: folded but not stemmed. */
export function exactTerm(word: string): string {
  return `${EXACT_MARK}${foldWord(word)}`;
}

/**
 * The terms an index stores for a text: each word's stem, plus its exact form where that
 * differs from the stem. Stop words are left out.
 */
export function indexTerms(text: string, analyzer: Analyzer): string[] {
  return termsOfTokens(tokenize(text), analyzer);
}

export function termsOfTokens(tokens: readonly Token[], analyzer: Analyzer): string[] {
  const terms: string[] = [];
  for (const { word } of tokens) {
    const term = analyzer.term(word);
    if (term === undefined) continue;
    terms.push(term);
    const folded = foldWord(word);
    if (folded !== term) terms.push(`${EXACT_MARK}${folded}`);
  }
  return terms;
}
