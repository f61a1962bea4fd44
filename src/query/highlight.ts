import { tokenize } from '../analysis/analyze.ts';
import type { MarkedText, TextRange } from '../library.ts';

/** Decides whether an analysed word of the text is one the query matched. */
export type TermMatcher = (term: string) => boolean;

/** A matcher for exact terms, plus terms that start with one of `prefixes`. */
export function termMatcher(terms: Iterable<string>, prefixes: readonly string[] = []): TermMatcher {
  const exact = new Set(terms);
  return (term) => exact.has(term) || prefixes.some((prefix) => term.startsWith(prefix));
}

/** Where the matched words stand in `text`, in order. */
export function highlightRanges(text: string, matches: TermMatcher): TextRange[] {
  return tokenize(text)
    .filter((token) => matches(token.term))
    .map(({ start, end }) => ({ start, end }));
}

export const SNIPPET_LENGTH = 220;

/**
 * The passage of `text` with the most distinct matched words in about `length` characters,
 * cut at word boundaries, with `…` where it was cut. Without a match, the opening of the text.
 */
export function makeSnippet(text: string, matches: TermMatcher, length = SNIPPET_LENGTH): MarkedText {
  const tokens = tokenize(text);
  const hits = tokens.filter((token) => matches(token.term));
  let start = 0;
  if (hits.length > 0 && text.length > length) {
    let best = { start: 0, distinct: -1, count: -1 };
    for (let i = 0; i < hits.length; i++) {
      const first = hits[i]!;
      const windowEnd = first.start + length * 0.8;
      const inWindow = new Set<string>();
      let count = 0;
      for (let j = i; j < hits.length && hits[j]!.end <= windowEnd; j++) {
        inWindow.add(hits[j]!.term);
        count++;
      }
      if (inWindow.size > best.distinct || (inWindow.size === best.distinct && count > best.count)) {
        best = { start: first.start, distinct: inWindow.size, count };
      }
    }
    // Lead in with a little context before the first matched word.
    start = best.start;
    const leadIn = tokens.filter((token) => token.start < start && token.start >= start - length * 0.2);
    start = leadIn[0]?.start ?? start;
    // Start at a sentence (or the text's start) when one begins shortly before.
    const sentence = Math.max(text.lastIndexOf('. ', start), text.lastIndexOf('\n', start));
    if (start - sentence < length * 0.3) start = sentence < 0 ? 0 : sentence + (text[sentence] === '.' ? 2 : 1);
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const lastSpace = text.lastIndexOf(' ', end);
    if (lastSpace > start) end = lastSpace;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const passage = text.slice(start, end).replace(/\s+/g, ' ');
  // Collapsing whitespace moves offsets, so the ranges are found again in the passage itself.
  const snippetText = `${prefix}${passage.trim()}${suffix}`;
  return { text: snippetText, highlights: highlightRanges(snippetText, matches) };
}

/** The whole text with its matched words marked (titles, article pages). */
export function markText(text: string, matches: TermMatcher): MarkedText {
  return { text, highlights: highlightRanges(text, matches) };
}
