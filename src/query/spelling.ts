import { foldWord, tokenize } from '../analysis/analyze.ts';
import type { ArticleIndex } from '../index/article-index.ts';

const MIN_WORD_LENGTH = 4;

/** How far a word may be from its correction; a swap of two letters counts as two edits. */
function maxEdits(word: string): number {
  return word.length >= 5 ? 2 : 1;
}

/**
 * How much more frequent a correction must be per edit: a word one edit away 10 times more
 * frequent than the word as typed, two edits away 100 times. So `govrenment` is read as the
 * common `government` (two edits) rather than a rare misprint `govenment` (one), a misspelling
 * the archive itself holds a few times (`governmnet`) is still corrected, and a real word
 * (`glazer` beside `blazer`) is left alone unless its neighbour is far more frequent.
 */
const EDIT_COST = 10;

/**
 * A close spelling of `q` that finds more results than `q` does, or undefined. Each word is
 * replaced by its likeliest word within a small edit distance (see `EDIT_COST`); the
 * alternative is kept only if `findsMore` says it finds more.
 */
export function suggestSpelling(index: ArticleIndex, q: string, findsMore: (alternative: string) => boolean): string | undefined {
  let alternative = '';
  let cursor = 0;
  let changed = false;
  for (const token of tokenize(q)) {
    if (token.compound) continue;
    alternative += q.slice(cursor, token.start);
    cursor = token.end;
    const word = foldWord(token.word);
    const correction = word.length >= MIN_WORD_LENGTH ? likelyCorrection(index, word) : undefined;
    if (correction !== undefined) changed = true;
    alternative += correction ?? q.slice(token.start, token.end);
  }
  alternative += q.slice(cursor);
  if (!changed) return undefined;
  return findsMore(alternative) ? alternative : undefined;
}

/** A word the archive has at least this many times is taken as written; one it has fewer times may be a misprint there too. */
const RARE_WORD = 5;

/** The word `word` most likely misspells (see `EDIT_COST`), or undefined when it is likeliest as written. */
export function likelyCorrection(index: Pick<ArticleIndex, 'words'>, word: string): string | undefined {
  // The word as typed competes as it is, at no edit.
  const own = index.words.get(word) ?? 0;
  if (own >= RARE_WORD) return undefined;
  let best: { word: string; likelihood: number } | undefined;
  for (const [candidate, [count, distance]] of index.words.fuzzyGet(word, maxEdits(word))) {
    if (distance === 0) continue;
    const likelihood = count / EDIT_COST ** distance;
    if (likelihood > own && (!best || likelihood > best.likelihood)) best = { word: candidate, likelihood };
  }
  return best?.word;
}
