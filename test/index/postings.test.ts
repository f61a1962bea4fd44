import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/article-index.ts';
import { PostingsBuilder, type Postings } from '../../src/index/postings.ts';

/** Documents and frequencies of a term in one field, read back from the table. */
function postingsOf(postings: Postings, term: string, field: number): [number, number][] {
  const id = postings.dictionary.get(term);
  if (id === undefined) return [];
  const { starts, docs, frequencies } = postings.fields[field]!;
  const found: [number, number][] = [];
  for (let at = starts[id]!; at < starts[id + 1]!; at++) found.push([docs[at]!, frequencies[at]!]);
  return found;
}

describe('PostingsBuilder', () => {
  it('groups documents by term, ascending, with frequencies and distinct-term field lengths', () => {
    const builder = new PostingsBuilder(2);
    const id = (term: string) => builder.termId(term);
    builder.addDocument([[id('rain'), id('zurich')], [id('rain'), id('rain'), id('cafe')]]);
    builder.addDocument([[], [id('cafe')]]);
    builder.addDocument([[id('zurich')], [id('rain')]]);
    const postings = builder.finish();

    expect(postings.terms).toEqual(['rain', 'zurich', 'cafe']);
    expect(postingsOf(postings, 'rain', 0)).toEqual([[0, 1]]);
    expect(postingsOf(postings, 'rain', 1)).toEqual([[0, 2], [2, 1]]);
    expect(postingsOf(postings, 'zurich', 0)).toEqual([[0, 1], [2, 1]]);
    expect(postingsOf(postings, 'cafe', 1)).toEqual([[0, 1], [1, 1]]);
    expect([...postings.fieldLengths[0]!]).toEqual([2, 0, 1]);
    expect([...postings.fieldLengths[1]!]).toEqual([2, 1, 1]);
    expect(postings.averageFieldLength).toEqual([1, 4 / 3]);
    // rain: title of 0, body of 0 and 2.
    expect(postings.frequency[postings.dictionary.get('rain')!]).toBe(3);
    expect(postings.documentCount).toBe(3);
  });

  it('grows past its first allocation without losing postings', () => {
    const builder = new PostingsBuilder(1);
    for (let doc = 0; doc < 3000; doc++) builder.addDocument([[builder.termId(`t${doc % 1500}`), builder.termId('common')]]);
    const postings = builder.finish();
    expect(postingsOf(postings, 'common', 0)).toHaveLength(3000);
    expect(postingsOf(postings, 't7', 0)).toEqual([[7, 1], [1507, 1]]);
  });
});

describe('buildIndex', () => {
  it('indexes stems, exact forms and hyphen parts, and counts words as written for completion', () => {
    const index = buildIndex([
      { id: 'a', title: 'Toasts in Zürich', body: 'A well-known café toasts twice.', tags: [] },
      { id: 'b', title: 'Toast', body: 'The toast.', tags: [] },
    ]);
    const { postings } = index;
    expect(postingsOf(postings, 'toast', 0)).toEqual([[0, 1], [1, 1]]);
    expect(postingsOf(postings, '=toasts', 0)).toEqual([[0, 1]]);
    expect(postingsOf(postings, 'zurich', 0)).toEqual([[0, 1]]);
    expect(postingsOf(postings, 'wellknown', 3)).toEqual([[0, 1]]);
    expect(postingsOf(postings, 'known', 3)).toEqual([[0, 1]]);
    expect(postingsOf(postings, 'the', 3)).toEqual([]);
    expect(index.words.get('toasts')).toBe(2);
    expect(index.words.get('toast')).toBe(2);
    expect(index.words.has('wellknown')).toBe(false);
  });
});

describe('leastMatches', () => {
  const index = buildIndex([
    { id: 'a', title: 'Rain in Zurich', body: 'Rain and more rain.', tags: [] },
    { id: 'b', title: 'Sun', body: 'Rain later.', tags: [] },
    { id: 'c', title: 'Rain', body: 'Sun all day.', tags: [] },
    { id: 'd', title: 'Snow', body: 'Cold.', tags: [] },
  ]);
  const scoring = { bm25: { k: 1.2, b: 0.7, d: 0.5 }, fieldBoosts: { title: 2, tags: 1, source: 1, body: 1 }, prefixWeight: 0.4, fuzzyWeight: 0.4 };
  const term = (text: string, fields?: ('title' | 'body')[]) => ({ kind: 'term' as const, term: text, ...(fields === undefined ? {} : { fields }) });

  it("is a term's longest postings among the fields asked for, never more than evaluating finds", () => {
    const queries = [
      term('rain'),
      term('rain', ['title']),
      term('sun'),
      term('hail'),
      { kind: 'or' as const, children: [term('sun'), term('snow')] },
      { kind: 'and' as const, children: [term('rain'), term('sun')] },
      { kind: 'and_not' as const, include: term('rain'), exclude: term('sun') },
    ];
    const least = queries.map((query) => index.leastMatches(query));
    expect(least).toEqual([2, 2, 1, 0, 1, 0, 0]);
    queries.forEach((query, i) => expect(least[i]).toBeLessThanOrEqual(index.match(query, scoring).docs.length));
  });
});

describe('prefix expansion', () => {
  it('takes the most frequent completions until their postings outnumber the archive twice over', () => {
    const bodies = ['congress contract', 'congress contract', 'congress contract', 'congress contract convoy', 'congress contract convoy', 'convoy'];
    const index = buildIndex(bodies.map((body, i) => ({ id: `d${i}`, title: '', body, tags: [] })));
    const scoring = { bm25: { k: 1.2, b: 0.7, d: 0 }, fieldBoosts: { title: 1, tags: 1, source: 1, body: 1 }, prefixWeight: 0.5, fuzzyWeight: 0.5 };
    // congress (5) and contract (5) fill 10 of the 12 postings allowed; convoy (3) would pass it.
    expect([...index.match({ kind: 'term', term: 'con', prefix: true }, scoring).docs]).toEqual([0, 1, 2, 3, 4]);
    expect([...index.match({ kind: 'term', term: 'conv', prefix: true }, scoring).docs]).toEqual([3, 4, 5]);
  });
});
