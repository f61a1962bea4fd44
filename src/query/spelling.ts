import { tokenize } from '../analysis/analyze.ts';
import type { ArticleIndex } from '../index/article-index.ts';

const MIN_WORD_LENGTH = 4;

/** How far a word may be from its correction; a swap of two letters counts as two edits. */
function maxEdits(word: string): number {
  return word.length >= 5 ? 2 : 1;
}

/**
 * A close spelling of `q` that finds more than `total` results, or undefined. Each word is
 * replaced by the most frequent indexed term within a small edit distance, when that term is
 * more frequent than the word itself; the alternative is kept only if it finds more.
 */
export function suggestSpelling(
  index: ArticleIndex,
  q: string,
  total: number,
  countResults: (alternative: string) => number,
): string | undefined {
  let alternative = '';
  let cursor = 0;
  let changed = false;
  for (const token of tokenize(q)) {
    alternative += q.slice(cursor, token.start);
    cursor = token.end;
    const correction = token.term.length >= MIN_WORD_LENGTH ? closestFrequentTerm(index, token.term) : undefined;
    if (correction !== undefined) changed = true;
    alternative += correction ?? q.slice(token.start, token.end);
  }
  alternative += q.slice(cursor);
  if (!changed) return undefined;
  return countResults(alternative) > total ? alternative : undefined;
}

function closestFrequentTerm(index: ArticleIndex, term: string): string | undefined {
  const own = index.terms.get(term) ?? 0;
  let best: { term: string; postings: number; distance: number } | undefined;
  for (const [candidate, [postings, distance]] of index.terms.fuzzyGet(term, maxEdits(term))) {
    if (candidate === term || postings <= own) continue;
    if (!best || distance < best.distance || (distance === best.distance && postings > best.postings)) {
      best = { term: candidate, postings, distance };
    }
  }
  return best?.term;
}
