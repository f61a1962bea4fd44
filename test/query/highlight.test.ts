import { describe, expect, it } from 'vitest';
import { makeSnippet, termMatcher } from '../../src/query/highlight.ts';

const marked = (snippet: { text: string; highlights: { start: number; end: number }[] }) =>
  snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end));

describe('makeSnippet', () => {
  const long = `${'Filler words about nothing in particular. '.repeat(20)}The budget vote was close. ${'More filler follows here. '.repeat(20)}`;

  it('centres on the passage with the matched words and marks them', () => {
    const snippet = makeSnippet(long, termMatcher(['budget', 'vote']), 120);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text).toContain('The budget vote was close.');
    expect(marked(snippet)).toEqual(['budget', 'vote']);
    expect(snippet.text.length).toBeLessThanOrEqual(122);
  });

  it('prefers the passage with more distinct words', () => {
    const text = `budget ${'x '.repeat(200)} budget vote together ${'y '.repeat(200)}`;
    expect(marked(makeSnippet(text, termMatcher(['budget', 'vote']), 60))).toEqual(['budget', 'vote']);
  });

  it('returns the opening when nothing matches, and short text whole', () => {
    expect(makeSnippet(long, termMatcher(['zebra']), 50).text).toBe('Filler words about nothing in particular. Filler…');
    expect(makeSnippet('Short text.', termMatcher(['text']))).toEqual({ text: 'Short text.', highlights: [{ start: 6, end: 10 }] });
  });

  it('matches prefixes when asked', () => {
    expect(marked(makeSnippet('Cooperation and cooperative work', termMatcher([], ['cooper'])))).toEqual(['Cooperation', 'cooperative']);
  });
});
