import { foldWord, tokenize } from '../analysis/analyze.ts';
import type { ArticleIndex } from '../index/article-index.ts';

export const DEFAULT_SUGGESTIONS = 8;

/**
 * Completions for the word being typed, most frequent first, each returned as the whole
 * query with that word completed (`kim jo` -> `kim jong`), ready to put in the search box.
 */
export function completeQuery(index: ArticleIndex, q: string, limit = DEFAULT_SUGGESTIONS): string[] {
  if (/\s$/.test(q)) return [];
  const last = tokenize(q)
    .filter((token) => token.compound === undefined)
    .at(-1);
  if (last === undefined || last.end !== q.length) return [];
  const typed = foldWord(last.word);
  const head = q.slice(0, last.start);
  const candidates: [string, number][] = [];
  for (const [word, count] of index.words.atPrefix(typed)) {
    if (word !== typed) candidates.push([word, count]);
  }
  return candidates
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([word]) => `${head}${word}`);
}
