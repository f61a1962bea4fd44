import { foldWord, tokenize } from '../analysis/analyze.ts';
import type { ArticleIndex } from '../index/article-index.ts';

const MIN_WORD_LENGTH = 4;

/** How far a word may be from its correction; a swap of two letters counts as two edits. */
function maxEdits(word: string): number {
  return word.length >= 5 ? 2 : 1;
}

/**
 * A close spelling of `q` that finds more results than `q` does, or undefined. Each word the
 * archive does not contain is replaced by its most frequent word within a small edit
 * distance; the alternative is kept only if `findsMore` says it finds more.
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
    const correction = word.length >= MIN_WORD_LENGTH ? closestFrequentWord(index, word) : undefined;
    if (correction !== undefined) changed = true;
    alternative += correction ?? q.slice(token.start, token.end);
  }
  alternative += q.slice(cursor);
  if (!changed) return undefined;
  return findsMore(alternative) ? alternative : undefined;
}

function closestFrequentWord(index: ArticleIndex, word: string): string | undefined {
  if (index.words.has(word)) return undefined;
  let best: { word: string; count: number; distance: number } | undefined;
  for (const [candidate, [count, distance]] of index.words.fuzzyGet(word, maxEdits(word))) {
    if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
      best = { word: candidate, count, distance };
    }
  }
  return best?.word;
}
