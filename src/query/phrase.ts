import { foldWord, phraseWords } from '../analysis/analyze.ts';
import type { TextRange } from '../library.ts';

/**
 * Where a phrase occurs in a text, word for word (case and diacritics folded, punctuation
 * between words ignored): for highlighting, and for phrases in sources and tags, which the
 * phrase index does not hold.
 */
export function findPhrase(text: string, words: readonly string[], limit = Infinity): TextRange[] {
  if (words.length === 0) return [];
  const tokens = phraseWords(text);
  const found: TextRange[] = [];
  for (let i = 0; i + words.length <= tokens.length && found.length < limit; i++) {
    let j = 0;
    while (j < words.length && foldWord(tokens[i + j]!.word) === words[j]) j++;
    if (j === words.length) {
      found.push({ start: tokens[i]!.start, end: tokens[i + j - 1]!.end });
      i += j - 1;
    }
  }
  return found;
}

export function containsPhrase(text: string, words: readonly string[]): boolean {
  return findPhrase(text, words, 1).length > 0;
}
