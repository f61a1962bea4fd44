import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src/library.ts';
import { toSearchJson } from '../../src/server/search-json.ts';

const result: SearchResult = {
  request: { q: 'kim', sources: [], tags: [], sort: 'relevance', offset: 10, limit: 5 },
  total: 12,
  hits: [
    {
      id: 'a',
      title: { text: 'Kim <b>meets</b> Putin', highlights: [{ start: 0, end: 3 }] },
      url: 'https://example.com/a',
      source: 'Wire',
      date: '2023-09-13',
      tags: ['Kim'],
      snippet: { text: 'Kim & "friends" <script>', highlights: [{ start: 0, end: 3 }] },
      score: 3.5,
    },
    { id: 'b', title: { text: 'Plain', highlights: [] }, tags: [], snippet: { text: 'no match', highlights: [] }, score: 1 },
  ],
  facets: { source: [{ value: 'Wire', count: 12 }], tags: [{ value: 'Kim', count: 3 }], year: [{ value: '2023', count: 12 }] },
  timeline: { unit: 'year', buckets: [] },
  suggestion: 'kin',
  widened: false,
  notices: [],
  tookMs: 1.23456,
};

describe('toSearchJson', () => {
  it('maps a result to the contract fields, in the contract order', () => {
    const json = toSearchJson(result);
    expect(Object.keys(json)).toEqual(['query', 'total', 'offset', 'limit', 'took_ms', 'hits', 'facets', 'suggestion']);
    expect(json).toMatchObject({ query: 'kim', total: 12, offset: 10, limit: 5, took_ms: 1.23, suggestion: 'kin' });
    expect(Object.keys(json.hits[0]!)).toEqual(['id', 'title', 'url', 'source', 'date', 'tags', 'snippet', 'score']);
    expect(Object.keys(json.hits[1]!)).toEqual(['id', 'title', 'tags', 'snippet', 'score']);
    expect(json.facets).toEqual(result.facets);
  });

  it('gives the title as plain text and the snippet as escaped HTML with <mark> only', () => {
    const [hit] = toSearchJson(result).hits;
    expect(hit!.title).toBe('Kim <b>meets</b> Putin');
    expect(hit!.snippet).toBe('<mark>Kim</mark> &amp; &quot;friends&quot; &lt;script&gt;');
  });

  it('leaves out the suggestion when there is none', () => {
    const { suggestion: _, ...rest } = result;
    expect('suggestion' in toSearchJson(rest)).toBe(false);
  });
});
