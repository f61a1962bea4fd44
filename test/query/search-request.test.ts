import { describe, expect, it } from 'vitest';
import { QueryError } from '../../src/library.ts';
import { MAX_QUERY_LENGTH } from '../../src/query/parse-query-string.ts';
import { MAX_FACET_VALUE_LENGTH, MAX_LIMIT, MAX_OFFSET, MAX_VALUES_PER_FACET, parseSearchRequest, readSearchRequest, searchRequestToParams } from '../../src/query/search-request.ts';

const parse = (query: string) => {
  const params = new URLSearchParams(query);
  return parseSearchRequest((name) => params.getAll(name));
};
const read = (query: string) => {
  const params = new URLSearchParams(query);
  return readSearchRequest((name) => params.getAll(name));
};

describe('parseSearchRequest', () => {
  it('reads every parameter', () => {
    expect(parse('q=kim+putin&page=3&sort=newest&source=A&source=B&tag=x&from=2020-01-01&to=2020-12-31')).toEqual({
      q: 'kim putin',
      sources: ['A', 'B'],
      tags: ['x'],
      sort: 'newest',
      offset: 20,
      limit: 10,
      from: '2020-01-01',
      to: '2020-12-31',
    });
  });

  it('has defaults, clamps numbers and ignores unknown parameters', () => {
    expect(parse('nonsense=1')).toEqual({ q: '', sources: [], tags: [], sort: 'relevance', offset: 0, limit: 10 });
    expect(parse('limit=100000&offset=99999999')).toMatchObject({ limit: 100, offset: 10000 });
    expect(parse('page=0')).toMatchObject({ offset: 0 });
    // A page number of any length is a number: clamped, not refused.
    expect(parse('page=9999999999999')).toMatchObject({ offset: MAX_OFFSET });
    expect(parse(`page=${'9'.repeat(400)}`)).toMatchObject({ offset: MAX_OFFSET });
    expect(parse(`offset=-${'9'.repeat(400)}&limit=-5`)).toMatchObject({ offset: 0, limit: 1 });
  });

  it('rejects values that cannot mean anything', () => {
    expect(() => parse('sort=sideways')).toThrow(QueryError);
    expect(() => parse('from=2023-02-30')).toThrow(/"from" must be a date written YYYY-MM-DD/);
    expect(() => parse('page=two')).toThrow(/whole number/);
    expect(() => parse(`sort=${'x'.repeat(5000)}`)).toThrow(/not "x{40}…"\.$/);
  });

  it('writes the request back as short canonical parameters', () => {
    const request = parse('q=kim&source=A&page=2&sort=relevance');
    expect(searchRequestToParams(request).toString()).toBe('q=kim&source=A&page=2');
    expect(searchRequestToParams(request, 1).toString()).toBe('q=kim&source=A');
  });
});

describe('readSearchRequest', () => {
  it('reads a plain request as parseSearchRequest does, without notices', () => {
    const query = 'q=kim+putin&page=3&sort=newest&source=A&source=B&tag=x&from=2020-01-01&to=2020-12-31&nonsense=1';
    expect(read(query)).toEqual({ request: parse(query), notices: [] });
  });

  it('ignores a date that does not parse, with a notice, where parseSearchRequest throws', () => {
    expect(read('q=war&from=2023-02-30&to=yesterday')).toEqual({
      request: { q: 'war', sources: [], tags: [], sort: 'relevance', offset: 0, limit: 10 },
      notices: [
        '"from" was ignored: "2023-02-30" is not a date written YYYY-MM-DD.',
        '"to" was ignored: "yesterday" is not a date written YYYY-MM-DD.',
      ],
    });
    expect(read('from=31/12/2023&to=2023-12-31').request).toMatchObject({ to: '2023-12-31' });
    expect('from' in read('from=31/12/2023').request).toBe(false);
    // A long bad value is quoted short.
    expect(read(`from=${'1'.repeat(10_000)}`).notices[0]!.length).toBeLessThan(120);
  });

  it('still throws for a sort order or a number that cannot mean anything', () => {
    expect(() => read('sort=sideways')).toThrow(QueryError);
    expect(() => read('page=two')).toThrow(QueryError);
    expect(() => read('limit=1.5')).toThrow(QueryError);
    expect(() => read('offset=x')).toThrow(QueryError);
  });

  it('cuts a long query to MAX_QUERY_LENGTH characters with a notice, and stops treating it as typed', () => {
    expect(MAX_QUERY_LENGTH).toBe(1000);
    const { request, notices } = read(`q=${'𝒳'.repeat(1200)}`);
    expect(request.q).toBe('𝒳'.repeat(1000));
    expect(request.typing).toBe(false);
    expect(notices).toEqual(['The query was longer than 1000 characters, so only the first 1000 were searched.']);
    const exact = read(`q=${'x'.repeat(1000)}`);
    expect(exact.request.q).toHaveLength(1000);
    expect(exact.notices).toEqual([]);
    expect('typing' in exact.request).toBe(false);
    expect(read(`q=${'x'.repeat(1_000_000)}`).request.q).toHaveLength(1000);
  });

  it('keeps the first values of a facet and says how many were dropped', () => {
    expect(MAX_VALUES_PER_FACET).toBe(20);
    const tags = Array.from({ length: 25 }, (_, i) => `tag=t${i}`).join('&');
    const sources = Array.from({ length: 21 }, (_, i) => `source=s${i}`).join('&');
    const { request, notices } = read(`${tags}&${sources}&tag=t0&tag=t1`);
    expect(request.tags).toEqual(Array.from({ length: 20 }, (_, i) => `t${i}`));
    expect(request.sources).toHaveLength(20);
    expect(notices).toEqual(['Only the first 20 sources were used; 1 more was ignored.', 'Only the first 20 tags were used; 5 more were ignored.']);
  });

  it('ignores a source or tag too long to be a name, with a notice (the CLI keeps it)', () => {
    expect(MAX_FACET_VALUE_LENGTH).toBe(200);
    const long = 'x'.repeat(201);
    expect(read(`tag=${long}&tag=ok&source=${'y'.repeat(200)}`)).toEqual({
      request: expect.objectContaining({ tags: ['ok'], sources: ['y'.repeat(200)] }),
      notices: ['A tag longer than 200 characters was ignored.'],
    });
    expect(read(`source=${long}`).notices).toEqual(['A source longer than 200 characters was ignored.']);
    expect(parse(`tag=${long}`).tags).toEqual([long]);
  });

  it('clamps limit and deep offsets, saying so', () => {
    const { request, notices } = read('limit=100000&offset=99999999');
    expect(request).toMatchObject({ limit: MAX_LIMIT, offset: MAX_OFFSET });
    expect(notices).toEqual([
      'At most 100 results are shown at a time, so "limit" was lowered to 100.',
      'Results can be paged through only up to number 10,000, so the page starts there.',
    ]);
    expect(read('limit=0&page=-4')).toEqual({ request: expect.objectContaining({ limit: 1, offset: 0 }), notices: [] });
  });
});
