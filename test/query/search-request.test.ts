import { describe, expect, it } from 'vitest';
import { QueryError } from '../../src/library.ts';
import { parseSearchRequest, searchRequestToParams } from '../../src/query/search-request.ts';

const parse = (query: string) => {
  const params = new URLSearchParams(query);
  return parseSearchRequest((name) => params.getAll(name));
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
  });

  it('rejects values that cannot mean anything', () => {
    expect(() => parse('sort=sideways')).toThrow(QueryError);
    expect(() => parse('from=2023-02-30')).toThrow(/"from" must be a date written YYYY-MM-DD/);
    expect(() => parse('page=two')).toThrow(/whole number/);
  });

  it('writes the request back as short canonical parameters', () => {
    const request = parse('q=kim&source=A&page=2&sort=relevance');
    expect(searchRequestToParams(request).toString()).toBe('q=kim&source=A&page=2');
    expect(searchRequestToParams(request, 1).toString()).toBe('q=kim&source=A');
  });
});
