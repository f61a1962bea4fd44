import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, MAX_TERMS } from '../../src/query/parse-query-string.ts';
import { MAX_LIMIT, MAX_OFFSET } from '../../src/query/search-request.ts';
import { MAX_BODY_BYTES } from '../../src/server/app.ts';
import { MAX_HEADER_BYTES, startServer } from '../../src/server/start-server.ts';
import { app, getJson, getPage, hitIds, library, PARTIAL, type Page } from './helpers.ts';

/*
 * Hard limits with clear answers: what is too long or too many is cut and the page and the API
 * say so; what cannot mean anything answers 400; bodies, headers and methods are bounded.
 */

/** The notes above the results (or the overview), on a full page or in a fragment (which is the region itself). */
const notes = (page: Page) => page.texts(page.all('#results').length > 0 ? '#results .note' : '.note');
const CHAR_NOTICE = `The query was longer than ${MAX_QUERY_LENGTH} characters, so only the first ${MAX_QUERY_LENGTH} were searched.`;
const TERMS_NOTICE = `Only the first ${MAX_TERMS} words and phrases were searched.`;

describe('a query that is too long', () => {
  const long = `harbour ${'x'.repeat(1200)}`;

  it('is cut at 1000 characters, with a notice on the page, in the fragment and in the API', async () => {
    expect(MAX_QUERY_LENGTH).toBe(1000);
    const page = await getPage(`/search?q=${encodeURIComponent(long)}`);
    expect(page.status).toBe(200);
    expect(notes(page)).toContain(CHAR_NOTICE);
    // The box shows what was searched; the search still ran on the first words.
    expect(page.one('#q').getAttribute('value')).toBe(long.slice(0, 1000));
    const fragment = await getPage(`/search?q=${encodeURIComponent(long)}`, PARTIAL);
    expect(notes(fragment)).toContain(CHAR_NOTICE);
    const { status, body } = await getJson(`/api/search?q=${encodeURIComponent(long)}`);
    expect(status).toBe(200);
    expect(body.query).toBe(long.slice(0, 1000));
    expect(body.notices).toContain(CHAR_NOTICE);
    expect(body.notices.filter((notice: string) => notice === CHAR_NOTICE)).toHaveLength(1);
  });

  it('keeps pages small: links do not repeat a megabyte of query', async () => {
    const response = await app.request(`/search?q=${encodeURIComponent(`harbour ${'y'.repeat(1_000_000)}`)}&limit=100`);
    expect(response.status).toBe(200);
    expect((await response.text()).length).toBeLessThan(1_000_000);
  });

  it('is cut after 64 words and phrases, with a notice', async () => {
    expect(MAX_TERMS).toBe(64);
    const words = `harbour ${Array.from({ length: 70 }, (_, i) => `w${i}`).join(' ')}`;
    const page = await getPage(`/search?q=${encodeURIComponent(words)}`);
    expect(page.status).toBe(200);
    expect(notes(page)).toContain(TERMS_NOTICE);
    const { body } = await getJson(`/api/search?q=${encodeURIComponent(words)}`);
    expect(body.notices).toContain(TERMS_NOTICE);
  });
});

describe('a date that does not parse', () => {
  it('is ignored with a notice on the page, not refused', async () => {
    const plain = await getPage('/search?q=harbour');
    for (const [query, name, value] of [
      ['from=2023-02-30', 'from', '2023-02-30'],
      ['to=yesterday', 'to', 'yesterday'],
      ['from=31%2F12%2F2023', 'from', '31/12/2023'],
    ] as const) {
      const page = await getPage(`/search?q=harbour&${query}`);
      expect(page.status, query).toBe(200);
      expect(notes(page), query).toContain(`"${name}" was ignored: "${value}" is not a date written YYYY-MM-DD.`);
      expect(hitIds(page), query).toEqual(hitIds(plain));
      expect(page.one(`#${name}`).getAttribute('value'), query).toBe('');
      expect(page.all('.chip'), query).toHaveLength(0);
      const fragment = await getPage(`/search?q=harbour&${query}`, PARTIAL);
      expect(fragment.status).toBe(200);
      expect(notes(fragment)).toHaveLength(notes(page).length);
    }
  });

  it('keeps the other, good date', async () => {
    const page = await getPage('/search?q=harbour&from=garbage&to=2020-12-31');
    expect(notes(page)).toContain('"from" was ignored: "garbage" is not a date written YYYY-MM-DD.');
    expect(page.one('#to').getAttribute('value')).toBe('2020-12-31');
  });

  it('is said on the overview too, when nothing else was asked for', async () => {
    const page = await getPage('/search?from=soon');
    expect(page.status).toBe(200);
    expect(page.all('.overview')).toHaveLength(1);
    expect(notes(page)).toEqual(['"from" was ignored: "soon" is not a date written YYYY-MM-DD.']);
  });

  it('is ignored with a notice in the API', async () => {
    const { status, body } = await getJson('/api/search?q=harbour&from=2023-02-30&to=nope');
    expect(status).toBe(200);
    expect(body.total).toBe((await getJson('/api/search?q=harbour')).body.total);
    expect(body.notices).toEqual([
      '"from" was ignored: "2023-02-30" is not a date written YYYY-MM-DD.',
      '"to" was ignored: "nope" is not a date written YYYY-MM-DD.',
    ]);
  });

  it('is quoted short and as text', async () => {
    const hostile = `<script>alert(1)</script>${'9'.repeat(5000)}`;
    const page = await getPage(`/search?q=harbour&from=${encodeURIComponent(hostile)}`);
    expect(page.html).not.toContain('<script>alert(1)');
    const [notice] = notes(page).filter((text) => text.startsWith('"from"'));
    expect(notice).toMatch(/^"from" was ignored: "<script>alert\(1\)<\/script>9+…" is not a date/);
    expect(notice!.length).toBeLessThan(120);
  });
});

describe('repeated parameters', () => {
  const many = (name: string, count: number) => Array.from({ length: count }, (_, i) => `${name}=v${i}`).join('&');

  it('keep the first 20 values of a facet, with a notice', async () => {
    const page = await getPage(`/search?q=harbour&${many('tag', 25)}&${many('source', 21)}`);
    expect(page.status).toBe(200);
    expect(notes(page)).toEqual(expect.arrayContaining(['Only the first 20 sources were used; 1 more was ignored.', 'Only the first 20 tags were used; 5 more were ignored.']));
    expect(page.all('#active-filters .chip')).toHaveLength(40);
    const { body } = await getJson(`/api/search?q=harbour&${many('tag', 300)}`);
    expect(body.notices).toContain('Only the first 20 tags were used; 280 more were ignored.');
  });

  it('drop a source or tag too long to be a name, with a notice', async () => {
    const page = await getPage(`/search?q=harbour&tag=${'t'.repeat(10_000)}&source=${'s'.repeat(201)}`);
    expect(page.status).toBe(200);
    expect(notes(page)).toEqual(expect.arrayContaining(['A source longer than 200 characters was ignored.', 'A tag longer than 200 characters was ignored.']));
    expect(page.all('#active-filters .chip')).toHaveLength(0);
    expect(page.html).not.toContain('t'.repeat(201));
  });

  it('say nothing when repeats are duplicates within the limit', async () => {
    const { body } = await getJson(`/api/search?q=harbour&${Array.from({ length: 50 }, () => 'tag=Harbour').join('&')}`);
    expect(((body.notices ?? []) as string[]).some((notice) => notice.startsWith('Only the first 20'))).toBe(false);
  });

  it('use only the first q, sort and page', async () => {
    const { body } = await getJson('/api/search?q=harbour&q=council&sort=newest&sort=bogus&limit=2&limit=50');
    expect(body).toMatchObject({ query: 'harbour', limit: 2 });
  });
});

describe('numbers out of range', () => {
  it('are clamped: huge limit, offset and page', async () => {
    const { status, body } = await getJson('/api/search?q=harbour&limit=100000&offset=99999999');
    expect(status).toBe(200);
    expect(body).toMatchObject({ limit: MAX_LIMIT, offset: MAX_OFFSET, hits: [] });
    expect(body.notices).toEqual(expect.arrayContaining([expect.stringContaining('"limit" was lowered to 100'), expect.stringContaining('10,000')]));
    expect((await getJson(`/api/search?q=harbour&offset=${'9'.repeat(500)}`)).body.offset).toBe(MAX_OFFSET);
    expect((await getJson('/api/search?q=harbour&limit=-7&offset=-9')).body).toMatchObject({ limit: 1, offset: 0 });
    const page = await getPage('/search?q=harbour&page=99999999999999999999');
    expect(page.status).toBe(200);
    expect(page.texts('#results .note').join(' ')).toContain('There are no results this far.');
    expect(page.one('#results .note a').getAttribute('href')).toMatch(/page=\d+/);
  });

  it('that are not whole numbers, and unknown orders, still answer 400', async () => {
    for (const query of ['page=two', 'limit=1.5', 'offset=1e3', 'sort=sideways']) {
      expect((await app.request(`/search?q=harbour&${query}`)).status, query).toBe(400);
      expect((await app.request(`/api/search?q=harbour&${query}`)).status, query).toBe(400);
    }
  });
});

describe('unknown parameters', () => {
  it('are ignored', async () => {
    const { body: plain } = await getJson('/api/search?q=harbour');
    const { status, body } = await getJson('/api/search?q=harbour&nonsense=1&Q=x&q%5B%5D=y&__proto__=1&constructor=2');
    expect(status).toBe(200);
    expect({ ...body, took_ms: 0 }).toEqual({ ...plain, took_ms: 0 });
  });
});

describe('methods', () => {
  it('answer 405 with Allow for anything but GET and HEAD, on pages, the API and assets', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      for (const path of ['/', '/search?q=harbour', '/articles/ledger-heatwave', '/help', '/api/search?q=harbour', '/api/suggest?q=harb', '/healthz', '/no/such/page']) {
        const response = await app.request(path, { method, ...(method === 'OPTIONS' ? {} : { body: 'q=harbour' }) });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get('allow'), `${method} ${path}`).toBe('GET, HEAD');
        if (path.startsWith('/api/') || path === '/healthz') {
          expect(await response.json()).toEqual({ error: 'This address answers only GET and HEAD requests.' });
        } else {
          const html = await response.text();
          expect(html, `${method} ${path}`).toMatch(/^<!DOCTYPE html>/);
          expect(html).toContain('Method not allowed');
          expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
        }
      }
    }
  });

  it('answer HEAD like GET, without a body', async () => {
    for (const path of ['/', '/search?q=harbour', '/api/search?q=harbour', '/healthz']) {
      const response = await app.request(path, { method: 'HEAD' });
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe('');
    }
  });
});

describe('request bodies', () => {
  const stream = (bytes: number) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent < bytes; sent += 1000) controller.enqueue(new Uint8Array(Math.min(1000, bytes - sent)).fill(120));
        controller.close();
      },
    });

  it('over 16 KB answer 413, whether the length is declared or streamed', async () => {
    expect(MAX_BODY_BYTES).toBe(16 * 1024);
    const declared = await app.request('/search', { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1), headers: { 'Content-Length': String(MAX_BODY_BYTES + 1) } });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain('Request too large');
    const streamed = await app.request('/api/search', { method: 'POST', body: stream(1_000_000), duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual({ error: 'A request body may hold at most 16 KB.' });
    // A small body gets as far as the method check.
    expect((await app.request('/search', { method: 'POST', body: stream(MAX_BODY_BYTES), duplex: 'half' } as RequestInit)).status).toBe(405);
  });
});

/** Sends raw bytes to the server and resolves with its status line. */
function rawStatus(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      if (answer.includes('\r\n')) {
        resolve(answer.slice(0, answer.indexOf('\r\n')));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
  });
}

describe('request headers', () => {
  it('are bounded by the server: 431 past 16 KB', async () => {
    expect(MAX_HEADER_BYTES).toBe(16 * 1024);
    const server = await startServer({ getLibrary: () => library, port: 0, host: '127.0.0.1' });
    try {
      const head = (size: number) => `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Filler: ${'a'.repeat(size)}\r\nConnection: close\r\n\r\n`;
      expect(await rawStatus(server.url, head(8 * 1024))).toBe('HTTP/1.1 200 OK');
      expect(await rawStatus(server.url, head(MAX_HEADER_BYTES + 1024))).toMatch(/^HTTP\/1\.1 431/);
      // A long URL counts against the same bound.
      expect(await rawStatus(server.url, `GET /search?q=${'x'.repeat(MAX_HEADER_BYTES + 1024)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)).toMatch(
        /^HTTP\/1\.1 431/,
      );
    } finally {
      await server.close();
    }
  });
});
