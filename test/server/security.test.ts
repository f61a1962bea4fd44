import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Library } from '../../src/library.ts';
import { createApp } from '../../src/server/app.ts';
import { IMG_PAYLOAD, JS_URL, SCRIPT_PAYLOAD } from '../fixtures/server/articles.ts';
import { app, getPage, library, PARTIAL, type Page } from './helpers.ts';

/** Pages that show the hostile fixtures in every place they can appear. */
const HOSTILE_PAGES = [
  '/',
  '/search?q=harbour&limit=100',
  '/search?q=harbour&limit=100&sort=newest',
  '/search?q=lights',
  `/search?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`,
  `/search?q=${encodeURIComponent(SCRIPT_PAYLOAD)}&source=${encodeURIComponent(`Gazette ${IMG_PAYLOAD}`)}`,
  `/search?q=harbour&tag=${encodeURIComponent(`Tag ${IMG_PAYLOAD}`)}`,
  `/search?q=x&sort=${encodeURIComponent(SCRIPT_PAYLOAD)}`,
  `/search?q=x&from=${encodeURIComponent(IMG_PAYLOAD)}`,
  '/articles/hostile-script?q=harbour+lights',
  '/articles/hostile-img?q=quotes',
  `/articles/${encodeURIComponent(SCRIPT_PAYLOAD)}`,
  `/nowhere/${encodeURIComponent(SCRIPT_PAYLOAD)}`,
  '/help',
];

function expectNoInjection(page: Page, path: string) {
  expect(page.html, path).not.toContain(SCRIPT_PAYLOAD);
  expect(page.html, path).not.toContain('<img');
  expect(page.html, path).not.toMatch(/<svg[^>]*onload/i);
  // The only scripts are ours, loaded from our origin; no element carries an event handler.
  for (const script of page.all('script')) expect(script.getAttribute('src'), path).toMatch(/^\/assets\//);
  for (const element of page.all('*')) {
    for (const name of element.getAttributeNames()) expect(name, `${path}: <${element.tagName} ${name}>`).not.toMatch(/^on/i);
  }
  // Nothing but http(s) and our own paths in an href.
  for (const href of page.hrefs('[href]')) expect(href, path).toMatch(/^(\/|#|https?:\/\/)/);
}

describe('escaping', () => {
  it('never lets article text or a query through as markup', async () => {
    for (const path of HOSTILE_PAGES) {
      expectNoInjection(await getPage(path), path);
      expectNoInjection(await getPage(path, PARTIAL), `${path} (partial)`);
    }
  });

  it('shows hostile text as text', async () => {
    const page = await getPage('/search?q=lights');
    expect(page.one('.hit-title a').textContent).toBe(`${SCRIPT_PAYLOAD} Harbour lights festival`);
    const article = await getPage('/articles/hostile-img');
    expect(article.one('h1').textContent).toBe(`Harbour "quotes" & ${IMG_PAYLOAD}`);
    expect(article.one('.article-source').textContent).toBe(`Gazette ${IMG_PAYLOAD}`);
    const query = await getPage(`/search?q=${encodeURIComponent(SCRIPT_PAYLOAD)}`);
    expect(query.one('#q').getAttribute('value')).toBe(SCRIPT_PAYLOAD);
  });

  it('links an article URL only when it is http(s)', async () => {
    for (const path of ['/search?q=harbour&limit=100', '/articles/hostile-script', '/articles/hostile-img']) {
      const page = await getPage(path);
      expect(page.html).not.toContain(JS_URL);
      expect(page.html).not.toMatch(/href="(javascript|data):/i);
    }
    expect((await getPage('/articles/hostile-script')).all('.article-url')).toHaveLength(0);
  });
});

describe('headers', () => {
  it('sends a Content-Security-Policy that needs neither unsafe-inline nor unsafe-eval', async () => {
    for (const path of ['/', '/search?q=harbour', '/articles/ledger-heatwave', '/help', '/api/search?q=x', '/nowhere']) {
      const response = await app.request(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('renders pages that honour that policy: no inline script, style or htmx code', async () => {
    for (const path of ['/', '/search?q=harbour', '/search?q=harbour&from=2023-01-01&to=2023-12-31', '/articles/gazette-storm-quay?q=harbour', '/help']) {
      for (const headers of [{}, PARTIAL]) {
        const page = await getPage(path, headers);
        expect(page.all('style'), path).toHaveLength(0);
        expect(page.all('[style]'), path).toHaveLength(0);
        expect(page.all('script:not([src])'), path).toHaveLength(0);
        for (const element of page.all('*')) {
          for (const name of element.getAttributeNames()) expect(name, path).not.toMatch(/^(data-)?hx-on/);
          for (const name of ['hx-vals', 'hx-headers', 'hx-trigger']) {
            expect(element.getAttribute(name) ?? '', path).not.toMatch(/^js:|^javascript:|\[/);
          }
        }
      }
    }
    // htmx would otherwise inject its own indicator stylesheet.
    const page = await getPage('/');
    expect(JSON.parse(page.one('meta[name="htmx-config"]').getAttribute('content')!)).toMatchObject({ includeIndicatorCSS: false });
  });

  it('compresses pages and assets for clients that accept gzip', async () => {
    const response = await app.request('/search?q=harbour&limit=100', { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toMatch(/Accept-Encoding/);
    const html = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
    expect(html).toContain('expansion approved after long debate');
    const plain = await app.request('/search?q=harbour&limit=100');
    expect(plain.headers.get('content-encoding')).toBeNull();
  });
});

describe('assets', () => {
  it('serves CSS, our script and htmx under content-hashed URLs with immutable caching', async () => {
    const page = await getPage('/');
    const urls = [page.one('link[rel="stylesheet"]').getAttribute('href')!, ...page.all('script').map((script) => script.getAttribute('src')!)];
    expect(urls).toHaveLength(3);
    expect(urls.some((url) => /^\/assets\/htmx\.min\.[0-9a-f]{8,}\.js$/.test(url))).toBe(true);
    expect(urls.some((url) => /^\/assets\/broadsheet\.[0-9a-f]{8,}\.js$/.test(url))).toBe(true);
    expect(urls.some((url) => /^\/assets\/broadsheet\.[0-9a-f]{8,}\.css$/.test(url))).toBe(true);
    for (const url of urls) {
      const response = await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(response.status, url).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toMatch(url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      const body = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
      expect(body.length).toBeGreaterThan(500);
      if (url.includes('htmx')) {
        expect(body).toContain('4.0.1');
        expect(body).not.toContain('sourceMappingURL');
      }
    }
  });

  it('serves the same bytes every time', async () => {
    const url = (await getPage('/')).one('script[src*="htmx"]').getAttribute('src')!;
    const first = await (await app.request(url)).text();
    const second = await (await app.request(url)).text();
    expect(second).toBe(first);
    expect(first.length).toBeGreaterThan(10_000);
  });

  it('answers 404 for anything else under /assets/', async () => {
    for (const path of ['/assets/broadsheet.css', '/assets/htmx.min.js', '/assets/broadsheet.0000000000.js', '/assets/../package.json']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });
});

describe('errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers unknown routes with a 404 page in the layout, or JSON under /api/', async () => {
    const page = await getPage('/no/such/page');
    expect(page.status).toBe(404);
    expect(page.html).toMatch(/^<!DOCTYPE html>/);
    expect(page.one('h1').textContent).toBe('Page not found');
    expect(page.all('link[rel="search"]')).toHaveLength(1);
    const api = await app.request('/api/nothing');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'Nothing at /api/nothing.' });
  });

  it('never answers 500 for any query string', async () => {
    const queries = [
      'q=%25',
      'q=%E0%A4%A',
      'q=%00%01%02',
      'q=*',
      'q=%22unclosed',
      'q=-',
      'q=AND+OR+NOT',
      'q=((((',
      `q=${'harbour '.repeat(500)}`,
      `q=${'x'.repeat(20000)}`,
      'q=%F0%9F%98%80+emoji',
      'q=harbour&page=0',
      'q=harbour&page=-3',
      'q=harbour&page=99999999',
      'q=harbour&page=9999999999999',
      'q=harbour&limit=0',
      'q=harbour&limit=100000',
      'q=harbour&offset=100000',
      'q=harbour&from=0000-01-01',
      'q=harbour&from=2024-01-01&to=2019-01-01',
      'q=harbour&from=9999-12-31',
      'q=harbour&sort=',
      'q=harbour&source=&tag=',
      `q=harbour&${Array.from({ length: 60 }, (_, i) => `tag=t${i}`).join('&')}`,
      'q[]=a&q[]=b',
      'q=a&q=b',
      'page=2',
      '%=%&&=&q',
    ];
    for (const query of queries) {
      for (const path of ['/search', '/', '/api/search']) {
        const response = await app.request(`${path}?${query}`);
        expect(response.status, `${path}?${query}`).toBeLessThan(500);
      }
      expect((await app.request(`/search?${query}`, { headers: PARTIAL })).status, query).toBeLessThan(500);
      expect((await app.request(`/api/suggest?${query}`)).status, query).toBeLessThan(500);
      expect((await app.request(`/articles/ledger-heatwave?${query}`)).status, query).toBeLessThan(500);
    }
  });

  it('renders a failure as a page in the layout, logs it, and lets no stack trace out', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken: Library = {
      ...library,
      search: () => {
        throw new Error('index on fire at /secret/path');
      },
    };
    const failing = createApp({ getLibrary: () => broken });
    const page = await failing.request('/search?q=harbour');
    expect(page.status).toBe(500);
    const html = await page.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('Something went wrong');
    expect(html).not.toMatch(/secret|on fire|at .*\.ts:\d+/);
    const fragment = await failing.request('/search?q=harbour', { headers: PARTIAL });
    expect(fragment.status).toBe(500);
    expect(await fragment.text()).not.toMatch(/<html|secret/);
    const api = await failing.request('/api/search?q=harbour');
    expect(api.status).toBe(500);
    expect(await api.json()).toEqual({ error: 'Something went wrong on our side. The error has been logged.' });
    expect(logged).toHaveBeenCalled();
    expect(String(logged.mock.calls[0]?.[0])).toContain('GET /search');
  });
});
