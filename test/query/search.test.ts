import { describe, expect, it } from 'vitest';
import { libraryFromArticles } from '../../src/query/create-library.ts';
import { ARTICLES, request } from './fixtures.ts';

const library = libraryFromArticles(ARTICLES);
const ids = (q: string, extra = {}) => library.search(request({ q, ...extra })).hits.map((hit) => hit.id);

describe('searchArticles', () => {
  it('ranks a title match above a body match', () => {
    expect(ids('putin')).toEqual(['kim-putin', 'budget']);
  });

  it('ranks articles with every word first, then fills with some of the words, and says so', () => {
    const result = library.search(request({ q: 'budget parliament' }));
    expect(result.hits.map((hit) => hit.id)).toEqual(['budget', 'undated']);
    expect(result.widened).toBe(true);
    expect(result.notices).toContain('Only 1 article has all of your words; below, articles with some of them.');
    const none = library.search(request({ q: 'budget zebra' }));
    expect(none.notices).toContain('No article has all of your words; showing articles with some of them.');
    expect(none.hits.map((hit) => hit.id)).toEqual(['budget', 'undated']);
  });

  it('folds diacritics and case', () => {
    expect(ids('zurich')).toEqual(['zurich']);
    expect(ids('CAFE')).toEqual(['zurich']);
  });

  it('treats the last word being typed as a prefix', () => {
    expect(ids('vosto')).toEqual(['kim-putin']);
    expect(ids('vosto ')).toEqual([]);
  });

  it('browses everything newest first for an empty query, undated last', () => {
    expect(ids('')).toEqual(['kim-putin', 'zurich', 'budget', 'space', 'undated']);
  });

  it('filters by source, tag and dates, and sorts by date', () => {
    expect(ids('', { sources: ['daily ledger'] })).toEqual(['zurich', 'budget']);
    expect(ids('', { tags: ['space', 'weather'] })).toEqual(['zurich', 'space']);
    expect(ids('', { from: '2021-01-01', to: '2021-12-31', sort: 'oldest' })).toEqual(['budget', 'zurich']);
    expect(ids('space', { sort: 'oldest' })).toEqual(['space', 'kim-putin', 'undated']);
  });

  it('counts each facet without its own filter, so other values stay visible', () => {
    const result = library.search(request({ sources: ['Science Wire'] }));
    expect(result.total).toBe(1);
    expect(result.facets.source).toEqual([
      { value: 'Daily Ledger', count: 2 },
      { value: 'Science Wire', count: 1 },
      { value: 'time news', count: 1 },
    ]);
    expect(result.facets.year).toEqual([{ value: '1999', count: 1 }]);
  });

  it('pages through results', () => {
    const first = library.search(request({ limit: 2 }));
    const second = library.search(request({ limit: 2, offset: 2 }));
    expect(first.total).toBe(5);
    expect([...first.hits, ...second.hits].map((hit) => hit.id)).toEqual(['kim-putin', 'zurich', 'budget', 'space']);
  });

  it('marks matched words in titles and snippets', () => {
    const [hit] = library.search(request({ q: 'putin' })).hits;
    const marked = hit!.title.highlights.map(({ start, end }) => hit!.title.text.slice(start, end));
    expect(marked).toEqual(['Putin']);
    expect(hit!.snippet.highlights.map(({ start, end }) => hit!.snippet.text.slice(start, end))).toEqual(['Putin']);
  });

  it('offers a close spelling that finds more', () => {
    const result = library.search(request({ q: 'parliment ' }));
    expect(result.suggestion).toBe('parliament ');
    // The close spelling is already below, marked as such.
    expect(result.hits.map((hit) => hit.id)).toEqual(['budget']);
    expect(result.notices).toContain('Some results match close spellings of your words.');
  });

  it('builds a timeline per year, or per month over a short span', () => {
    const all = library.search(request()).timeline;
    expect(all.unit).toBe('year');
    expect(all.buckets[0]).toEqual({ label: '1999', from: '1999-01-01', to: '1999-12-31', count: 1 });
    expect(all.buckets).toHaveLength(2023 - 1999 + 1);
    const narrow = library.search(request({ from: '2021-01-01', to: '2021-12-31' })).timeline;
    expect(narrow.unit).toBe('month');
    expect(narrow.buckets.map((bucket) => bucket.label)).toEqual(
      ['03', '04', '05', '06', '07', '08', '09', '10', '11'].map((month) => `2021-${month}`),
    );
  });
});

describe('library', () => {
  it('completes the word being typed, most frequent first', () => {
    expect(library.suggest('kim jo')).toEqual(['kim jong']);
    expect(library.suggest('spa')).toEqual(['space']);
    expect(library.suggest('space ')).toEqual([]);
  });

  it('highlights query words in any text by the same analysis', () => {
    const text = 'Zürich’s cafés and the CAFE';
    const marked = (q: string) => library.highlight(q, text).map(({ start, end }) => text.slice(start, end));
    expect(marked('zurich cafe ')).toEqual(['Zürich’s', 'cafés', 'CAFE']);
  });

  it('reports what the index holds', () => {
    const stats = library.stats();
    expect(stats).toMatchObject({ documents: 5, firstDate: '1999-05-01', lastDate: '2023-09-13' });
    expect(stats.topSources[0]).toEqual({ value: 'Daily Ledger', count: 2 });
  });

  it('finds articles by id', () => {
    expect(library.getArticle('zurich')?.title).toBe('Rain over Zürich');
    expect(library.getArticle('nope')).toBeUndefined();
  });
});
