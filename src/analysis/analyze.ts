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
const PART = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’]/g;
const POSSESSIVE = /['’]s$/u;
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case without apostrophes: `Atlanta's` -> `atlanta`, `Don't` -> `dont`. */
export function lowerWord(word: string): string {
  const lower = word.toLowerCase();
  if (lower.indexOf("'") === -1 && lower.indexOf('’') === -1) return lower;
  return lower.replace(POSSESSIVE, '').replace(APOSTROPHES, '');
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
  scanWords(text, (start, end, hyphenated) => {
    const raw = text.slice(start, end);
    if (!hyphenated) {
      const word = lowerWord(raw);
      if (word !== '') tokens.push({ word, start, end });
      return;
    }
    let joined = '';
    for (const part of raw.matchAll(PART)) {
      const word = lowerWord(part[0]);
      if (word === '') continue;
      joined += word;
      tokens.push({ word, start: start + part.index, end: start + part.index + part[0].length });
    }
    if (joined !== '') tokens.push({ word: joined, start, end, compound: true });
  });
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

const START = 1;
const CONTINUE = 2;
const OTHER = 3;
/** The class of each UTF-16 code unit below 0x10000, found on first sight (0: not yet). */
const classes = new Uint8Array(0x10000);
const START_CHAR = /[\p{L}\p{N}]/u;
const CONTINUE_CHAR = /\p{M}/u;

function classify(char: string): number {
  return START_CHAR.test(char) ? START : CONTINUE_CHAR.test(char) ? CONTINUE : OTHER;
}

/** START (a letter or digit), CONTINUE (a combining mark) or OTHER, for the code point at `i`. */
function classAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdfff) {
    const known = classes[unit]!;
    return known !== 0 ? known : (classes[unit] = classify(text[i]!));
  }
  return classify(String.fromCodePoint(text.codePointAt(i)!));
}

/** 2 for a surrogate pair at `i`, else 1. */
function widthAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  return unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/**
 * Calls `onWord` for each match of `WORD` in `text`, in order: the same words, found by a
 * loop over character codes with a table of character classes, several times faster than the
 * regular expression's match objects (snippets tokenize every body they show).
 */
function scanWords(text: string, onWord: (start: number, end: number, hyphenated: boolean) => void): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (classAt(text, i) !== START) {
      i += widthAt(text, i);
      continue;
    }
    const start = i;
    let hyphenated = false;
    i += widthAt(text, i);
    for (;;) {
      while (i < length && classAt(text, i) !== OTHER) i += widthAt(text, i);
      const unit = text.charCodeAt(i);
      const joiner = unit === 0x27 || unit === 0x2019 || unit === 0x2d || unit === 0x2010;
      if (!joiner || i + 1 >= length || classAt(text, i + 1) !== START) break;
      if (unit === 0x2d || unit === 0x2010) hyphenated = true;
      i += 1 + widthAt(text, i + 1);
    }
    onWord(start, i, hyphenated);
  }
}
