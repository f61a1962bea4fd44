import { describe, expect, it } from 'vitest';
import { highlightRanges, makeSnippet, type HighlightSpec } from '../../src/query/highlight.ts';

const spec = (terms: string[], extra: Partial<HighlightSpec> = {}): HighlightSpec => ({
  terms: new Set(terms),
  prefixes: [],
  phrases: [],
  languages: ['en'],
  ...extra,
});
const marked = (snippet: { text: string; highlights: { start: number; end: number }[] }) =>
  snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end));

describe('highlightRanges', () => {
  it('marks every form of a matched stem, and exact forms', () => {
    const text = 'Toasts were raised; a toast to toasting.';
    expect(marked({ text, highlights: highlightRanges(text, spec(['toast'])) })).toEqual(['Toasts', 'toast', 'toasting']);
    expect(marked({ text, highlights: highlightRanges(text, spec(['=toasts'])) })).toEqual(['Toasts']);
  });

  it('marks phrases whole and merges overlaps', () => {
    const text = 'Kim Jong Un met Kim.';
    const ranges = highlightRanges(text, spec(['kim'], { phrases: [['kim', 'jong', 'un']] }));
    expect(marked({ text, highlights: ranges })).toEqual(['Kim Jong Un', 'Kim']);
  });

  it('marks a hyphenated word whole when it matched whole, else the part that matched', () => {
    const text = 'a well-known face';
    expect(marked({ text, highlights: highlightRanges(text, spec(['wellknown', 'well', 'known'])) })).toEqual(['well-known']);
    expect(marked({ text, highlights: highlightRanges(text, spec(['known'])) })).toEqual(['known']);
  });
});

describe('makeSnippet', () => {
  const long = `${'Filler words about nothing in particular. '.repeat(20)}The budget vote was close. ${'More filler follows here. '.repeat(20)}`;

  it('centres on the passage with the matched words and marks them', () => {
    const snippet = makeSnippet(long, spec(['budget', 'vote']), 120);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text).toContain('The budget vote was close.');
    expect(marked(snippet)).toEqual(['budget', 'vote']);
    expect(snippet.text.length).toBeLessThanOrEqual(122);
  });

  it('prefers the passage with more distinct words', () => {
    const text = `budget ${'x '.repeat(200)} budget vote together ${'y '.repeat(200)}`;
    expect(marked(makeSnippet(text, spec(['budget', 'vote']), 60))).toEqual(['budget', 'vote']);
  });

  it('returns the opening when nothing matches, and short text whole', () => {
    expect(makeSnippet(long, spec(['zebra']), 50).text).toBe('Filler words about nothing in particular. Filler…');
    expect(makeSnippet('Short text.', spec(['text']))).toEqual({ text: 'Short text.', highlights: [{ start: 6, end: 10 }] });
  });

  it('matches prefixes when asked', () => {
    expect(marked(makeSnippet('Cooperation and cooperative work', spec([], { prefixes: ['cooper'] })))).toEqual(['Cooperation', 'cooperative']);
  });
});

describe('makeSnippet, distinct words', () => {
  it('counts forms of one word as one, so a passage with both query words wins', () => {
    const text = `Rights and the right to vote. ${'Filler text here. '.repeat(20)}Civil rights were debated. ${'More filler. '.repeat(20)}`;
    const snippet = makeSnippet(text, spec(['right', 'civil']), 80);
    expect(marked(snippet)).toEqual(['Civil', 'rights']);
  });
});
