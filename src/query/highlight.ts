import { foldWord, lowerWord, tokenize } from '../analysis/analyze.ts';
import { analyzerFor, EXACT_MARK } from '../analysis/analyzer.ts';
import type { MarkedText, TextRange } from '../library.ts';
import { findPhrase } from './phrase.ts';

/** What to mark in a text: the index terms that matched, prefixes being typed, and phrases. */
export interface HighlightSpec {
  /** Index terms (stems and `=`exact forms) that made the document match. */
  terms: ReadonlySet<string>;
  /** Folded beginnings of words being typed. */
  prefixes: readonly string[];
  /** Phrases as folded words. */
  phrases: readonly (readonly string[])[];
  /** Languages whose stemmers may have produced the terms. */
  languages: readonly string[];
}

/**
 * Where the matched words stand in `text`, in order and not overlapping. A word is marked
 * when the same analysis that indexed it gives a matched term, so every word that made the
 * document match is marked, and nothing else.
 */
export function highlightRanges(text: string, spec: HighlightSpec): TextRange[] {
  const ranges: TextRange[] = [];
  for (const words of spec.phrases) ranges.push(...findPhrase(text, words));
  if (spec.terms.size > 0 || spec.prefixes.length > 0) {
    const analyzers = spec.languages.map((language) => analyzerFor(language));
    const exactForms = new Set<string>();
    for (const term of spec.terms) if (term.startsWith(EXACT_MARK)) exactForms.add(term.slice(EXACT_MARK.length));
    // Plain loops: this runs for every word of every snippet's whole text.
    for (const token of tokenize(text)) {
      const folded = foldWord(token.word);
      let matched = exactForms.has(folded);
      for (let i = 0; !matched && i < analyzers.length; i++) {
        const term = analyzers[i]!.term(token.word);
        matched = term !== undefined && spec.terms.has(term);
      }
      for (let i = 0; !matched && i < spec.prefixes.length; i++) matched = folded.startsWith(spec.prefixes[i]!);
      if (matched) ranges.push({ start: token.start, end: token.end });
    }
  }
  return mergeRanges(ranges);
}

/** Sorted, with overlaps (a hyphenated word and its parts, a phrase and its words) joined. */
function mergeRanges(ranges: TextRange[]): TextRange[] {
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextRange[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && range.start < last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

export const SNIPPET_LENGTH = 220;

/**
 * The passage of `text` with the most distinct matched words in about `length` characters,
 * cut at word boundaries, with `…` where it was cut. Without a match, the opening of the text.
 */
export function makeSnippet(text: string, spec: HighlightSpec, length = SNIPPET_LENGTH): MarkedText {
  let start = 0;
  if (text.length > length) {
    const hits = highlightRanges(text, spec);
    if (hits.length > 0) start = bestWindowStart(text, hits, length, spec.languages);
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const lastSpace = text.lastIndexOf(' ', end);
    if (lastSpace > start) end = lastSpace;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  // Collapsing whitespace moves offsets, so the ranges are found again in the passage itself.
  const snippetText = `${prefix}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${suffix}`;
  return { text: snippetText, highlights: highlightRanges(snippetText, spec) };
}

function bestWindowStart(text: string, hits: readonly TextRange[], length: number, languages: readonly string[]): number {
  // Distinct by stem: "right" and "rights" are one query word, "civil rights" two.
  const analyzer = analyzerFor(languages[0]);
  const wordOf = (range: TextRange) => {
    const word = lowerWord(text.slice(range.start, range.end));
    return analyzer.term(word) ?? foldWord(word);
  };
  let best = { start: 0, distinct: -1, count: -1 };
  for (let i = 0; i < hits.length; i++) {
    const first = hits[i]!;
    const windowEnd = first.start + length * 0.8;
    const distinct = new Set<string>();
    let count = 0;
    for (let j = i; j < hits.length && hits[j]!.end <= windowEnd; j++) {
      distinct.add(wordOf(hits[j]!));
      count++;
    }
    if (distinct.size > best.distinct || (distinct.size === best.distinct && count > best.count)) {
      best = { start: first.start, distinct: distinct.size, count };
    }
  }
  // Start at a sentence (or the text's start) when one begins shortly before the first match.
  const sentence = Math.max(text.lastIndexOf('. ', best.start), text.lastIndexOf('\n', best.start));
  if (best.start - sentence < length * 0.3) return sentence < 0 ? 0 : sentence + (text[sentence] === '.' ? 2 : 1);
  // Otherwise lead in with a few words of context.
  const leadIn = text.lastIndexOf(' ', Math.max(0, best.start - length * 0.15));
  return leadIn < 0 ? 0 : leadIn + 1;
}

/** The whole text with its matched words marked (titles, article pages). */
export function markText(text: string, spec: HighlightSpec): MarkedText {
  return { text, highlights: highlightRanges(text, spec) };
}
