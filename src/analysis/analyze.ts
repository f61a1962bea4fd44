/**
 * One text analysis for everything: the index, the query and the highlighter all read words
 * through this module, so whatever made a document match is exactly what gets marked.
 */

/** A word of the original text and where it stands in it. */
export interface Token {
  /** Lower case, apostrophes and possessive `'s` removed, diacritics still on. */
  word: string;
  /** UTF-16 offsets of the word in the original text, end exclusive. */
  start: number;
  end: number;
  /** A hyphenated word joined whole (`wellknown`); its parts come as tokens of their own. */
  compound?: true;
}

// Letters and digits, with inner apostrophes (don't, O’Brien) and hyphens (well-known).
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-‐][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
const HYPHENS = /[-‐]/;
const PART = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’]/g;
const POSSESSIVE = /['’]s$/u;
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case without apostrophes: `Atlanta's` -> `atlanta`, `Don't` -> `dont`. */
export function lowerWord(word: string): string {
  return word.toLowerCase().replace(POSSESSIVE, '').replace(APOSTROPHES, '');
}

/** Removes diacritics (Zürich -> zurich, café -> cafe) and compatibility forms. */
export function foldWord(word: string): string {
  return NON_ASCII.test(word) ? word.normalize('NFKD').replace(COMBINING_MARKS, '') : word;
}

/**
 * Splits text into words with their offsets. A hyphenated word yields each part and then the
 * parts joined (`well-known` -> `well`, `known`, `wellknown`), so it is found whole and in parts.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const start = match.index;
    if (!HYPHENS.test(raw)) {
      const word = lowerWord(raw);
      if (word !== '') tokens.push({ word, start, end: start + raw.length });
      continue;
    }
    let joined = '';
    for (const part of raw.matchAll(PART)) {
      const word = lowerWord(part[0]);
      if (word === '') continue;
      joined += word;
      tokens.push({ word, start: start + part.index, end: start + part.index + part[0].length });
    }
    if (joined !== '') tokens.push({ word: joined, start, end: start + raw.length, compound: true });
  }
  return tokens;
}

/**
 * The words of a text as written, before any analysis: `tokenize` of the text is `tokenize`
 * of each of these in turn. The index build analyses each distinct one once.
 */
export function rawWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The words of a text in order, hyphenated words as their parts only: what phrases are checked against. */
export function phraseWords(text: string): Token[] {
  return tokenize(text).filter((token) => token.compound === undefined);
}
