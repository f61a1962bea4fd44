/**
 * One text analysis for everything: the index, the query and the highlighter all read words
 * through these functions, so whatever made a document match is exactly what gets marked.
 */

/** A word of the original text and where it stands in it. */
export interface Token {
  /** The analysed form, as stored in the index. */
  term: string;
  /** UTF-16 offsets of the word in the original text, end exclusive. */
  start: number;
  end: number;
}

// Letters and digits, with inner apostrophes (don't, O’Brien) kept inside the word.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’]/g;
const POSSESSIVE = /['’]s$/;

const NON_ASCII = /[^\x00-\x7f]/;
const CACHE_LIMIT = 200_000;
// A text repeats a small vocabulary, so most words are folded once and then looked up.
const cache = new Map<string, string>();

/** Folds one word to its index form: case, diacritics (Zürich = zurich) and possessives. */
export function normalizeTerm(word: string): string {
  let term = cache.get(word);
  if (term === undefined) {
    const folded = NON_ASCII.test(word) ? word.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase() : word.toLowerCase();
    term = folded.replace(POSSESSIVE, '').replace(APOSTROPHES, '');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, term);
  }
  return term;
}

/** Splits text into words with their offsets; words that fold to nothing are dropped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = normalizeTerm(match[0]);
    if (term === '') continue;
    tokens.push({ term, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** The analysed words of a text, without offsets: what the index stores. */
export function analyzeTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = normalizeTerm(match[0]);
    if (term !== '') terms.push(term);
  }
  return terms;
}
