import { foldWord, phraseWords } from '../analysis/analyze.ts';
import type { TextRange } from '../library.ts';

/**
 * Where a phrase occurs in a text, word for word (case and diacritics folded, punctuation
 * between words ignored). MiniSearch keeps no positions, so phrases are checked here.
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

const NON_ASCII_LETTER = /(?![\x00-\x7f])\p{L}/u;
const patterns = new Map<string, RegExp>();

/**
 * Whether `text` contains the phrase. A regular expression answers at once for most texts;
 * the word-by-word reading is needed only where the text has letters outside ASCII (which
 * fold: `café` is `cafe`) and the expression found nothing.
 */
export function containsPhraseQuickly(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const key = words.join(' ');
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    // Apostrophes may stand inside a word (don't = dont); anything but a letter or digit separates words.
    const wordPattern = (word: string) => [...word].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join("['’]?");
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(wordPattern).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu');
    if (patterns.size > 500) patterns.clear();
    patterns.set(key, pattern);
  }
  if (pattern.test(text)) return true;
  return NON_ASCII_LETTER.test(text) && containsPhrase(text, words);
}
