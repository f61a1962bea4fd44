import { describe, expect, it } from 'vitest';
import { app, getJson, library } from './helpers.ts';
import { toSearchJson } from '../../src/server/search-json.ts';

describe('GET /api/search', () => {
  it('answers the contract shape', async () => {
    const { status, body, response } = await getJson('/api/search?q=council&limit=2&offset=1');
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(body)).toEqual(['query', 'total', 'offset', 'limit', 'took_ms', 'hits', 'facets']);
    expect(body).toMatchObject({ query: 'council', total: 4, offset: 1, limit: 2 });
    expect(typeof body.took_ms).toBe('number');
    expect(body.hits).toHaveLength(2);
    for (const hit of body.hits) {
      expect(Object.keys(hit).every((key) => ['id', 'title', 'url', 'source', 'date', 'tags', 'snippet', 'score'].includes(key))).toBe(true);
      expect(typeof hit.id).toBe('string');
      expect(Array.isArray(hit.tags)).toBe(true);
      expect(typeof hit.score).toBe('number');
    }
    expect(Object.keys(body.facets)).toEqual(['source', 'tags', 'year']);
    expect(body.facets.source[0]).toEqual({ value: 'The Daily Ledger', count: 3 });
  });

  it('is the same mapping the CLI uses', async () => {
    const { body } = await getJson('/api/search?q=harbour&tag=Weather');
    const direct = toSearchJson(library.search({ q: 'harbour', sources: [], tags: ['Weather'], sort: 'relevance', offset: 0, limit: 10 }));
    expect({ ...body, took_ms: 0 }).toEqual({ ...direct, took_ms: 0 });
  });

  it('gives plain-text titles and snippets that are escaped text with <mark> only', async () => {
    const { body } = await getJson('/api/search?q=harbour&limit=100');
    const hostile = body.hits.find((hit: { id: string }) => hit.id === 'hostile-script');
    expect(hostile.title).toBe('<script>alert(1)</script> Harbour lights festival');
    for (const hit of body.hits) {
      expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    }
    expect(hostile.snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile.snippet).toContain('<mark>harbour</mark>');
  });

  it('applies filters and sort', async () => {
    const { body } = await getJson('/api/search?q=council&source=The+Daily+Ledger&source=Evening+Courier&tag=Council&sort=oldest&from=2019-01-01&to=2023-12-31');
    expect(body.hits.map((hit: { id: string }) => hit.id)).toEqual(['ledger-harbour-expansion', 'ledger-budget-2020', 'courier-tram-plan']);
  });

  it('includes a suggestion when a close spelling finds more', async () => {
    const { body } = await getJson('/api/search?q=harbuor');
    // No article has the word as typed; those with the close spelling are the results.
    expect(body.total).toBeGreaterThan(0);
    expect(body.suggestion).toBe('harbour');
  });

  it('answers 400 with an error for requests the engine cannot use', async () => {
    for (const query of ['sort=best', 'limit=ten', 'offset=-x', 'page=1.5', 'page=2e3']) {
      const { status, body } = await getJson(`/api/search?q=war&${query}`);
      expect(status, query).toBe(400);
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error.length).toBeGreaterThan(10);
    }
  });

  it('ignores a date that does not parse and says so in "notices"', async () => {
    for (const [query, name] of [['from=2023-13-01', 'from'], ['to=31/12/2023', 'to']] as const) {
      const { status, body } = await getJson(`/api/search?q=council&${query}`);
      expect(status, query).toBe(200);
      expect(body.total, query).toBe(4);
      expect(body.notices, query).toEqual([expect.stringMatching(new RegExp(`^"${name}" was ignored: .* is not a date written YYYY-MM-DD\\.$`))]);
    }
  });

  it('leaves "notices" out when there is nothing to say', async () => {
    const { body } = await getJson('/api/search?q=council');
    expect('notices' in body).toBe(false);
  });
});

describe('GET /api/suggest', () => {
  it('completes the word being typed', async () => {
    const { status, body } = await getJson('/api/suggest?q=harb');
    expect(status).toBe(200);
    expect(body).toEqual({ q: 'harb', suggestions: ['harbour'] });
    const { body: phrase } = await getJson('/api/suggest?q=tram+pl');
    expect(phrase.suggestions).toContain('tram plan');
  });

  it('answers an empty list for an empty query', async () => {
    expect((await getJson('/api/suggest?q=')).body).toEqual({ q: '', suggestions: [] });
    expect((await getJson('/api/suggest')).body).toEqual({ q: '', suggestions: [] });
  });

  it('speaks the OpenSearch suggestions format on request', async () => {
    const response = await app.request('/api/suggest?q=harb&format=opensearch');
    expect(response.headers.get('content-type')).toMatch(/^application\/x-suggestions\+json/);
    expect(await response.json()).toEqual(['harb', ['harbour']]);
  });
});

describe('GET /healthz', () => {
  it('says ok and how many documents the index holds', async () => {
    const { status, body } = await getJson('/healthz');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', documents: 14 });
    expect(Date.parse(body.snapshot)).not.toBeNaN();
  });
});

describe('GET /opensearch.xml', () => {
  it('describes the search with templates on the origin of the request', async () => {
    const response = await app.request('http://news.example.net:8080/opensearch.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/opensearchdescription\+xml/);
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<ShortName>Broadsheet</ShortName>');
    expect(xml).toContain('template="http://news.example.net:8080/search?q={searchTerms}"');
    expect(xml).toContain('template="http://news.example.net:8080/api/suggest?format=opensearch&amp;q={searchTerms}"');
  });
});

describe('getLibrary', () => {
  it('is asked on every request, so the index can be swapped while serving', async () => {
    const { createApp } = await import('../../src/server/app.ts');
    let calls = 0;
    const counting = createApp({
      getLibrary: () => {
        calls++;
        return library;
      },
    });
    await counting.request('/healthz');
    await counting.request('/search?q=ferry');
    await counting.request('/api/search?q=ferry');
    expect(calls).toBe(3);
  });
});
