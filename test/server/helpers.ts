import type { Hono } from 'hono';
import { parseHTML } from 'linkedom';
import type { Article } from '../../src/article.ts';
import type { Library } from '../../src/library.ts';
import { libraryFromArticles } from '../../src/query/create-library.ts';
import { createApp } from '../../src/server/app.ts';
import { ARTICLES } from '../fixtures/server/articles.ts';

/** Headers htmx 4 sends when the form or a link swaps the results region. */
export const PARTIAL = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' } as const;
/** Headers htmx 4 sends when Back or Forward re-fetches a page. */
export const HISTORY_RESTORE = { 'HX-History-Restore-Request': 'true', 'HX-Request-Type': 'full' } as const;

export interface Page {
  response: Response;
  status: number;
  html: string;
  document: Document;
  /** All elements matching `selector`. */
  all(selector: string): Element[];
  /** The one element matching `selector`; throws when there is none. */
  one(selector: string): Element;
  /** The trimmed text of every element matching `selector`. */
  texts(selector: string): string[];
  /** The `href` of every element matching `selector`. */
  hrefs(selector: string): string[];
}

/** An app over its own in-memory library, and requests to it. */
export interface TestClient {
  library: Library;
  app: Hono;
  /** GETs `path` from the app and parses the answer as HTML. */
  getPage(path: string, headers?: Record<string, string>): Promise<Page>;
  getJson(path: string): Promise<{ status: number; body: any; response: Response }>;
}

/** A real in-memory index over `articles`, served by the whole app (for tests that need other fixtures). */
export function clientFor(articles: Article[]): TestClient {
  const library = libraryFromArticles(articles);
  const app = createApp({ getLibrary: () => library });
  return {
    library,
    app,
    getPage: (path, headers = {}) => pageFrom(app, path, headers),
    async getJson(path) {
      const response = await app.request(path);
      return { status: response.status, body: await response.json(), response };
    },
  };
}

/** One real in-memory index over the fixtures, shared by the HTTP tests. */
const shared = clientFor(ARTICLES);
export const library: Library = shared.library;
export const app = shared.app;
export const getPage = shared.getPage;
export const getJson = shared.getJson;

async function pageFrom(app: Hono, path: string, headers: Record<string, string>): Promise<Page> {
  const response = await app.request(path, { headers });
  const html = await response.text();
  // A fragment is parsed inside a body so that queries work on both shapes.
  const { document } = parseHTML(/^\s*<!DOCTYPE/i.test(html) ? html : `<!DOCTYPE html><html><body>${html}</body></html>`);
  const all = (selector: string) => [...document.querySelectorAll(selector)];
  return {
    response,
    status: response.status,
    html,
    document,
    all,
    one(selector) {
      const element = document.querySelector(selector);
      if (element === null) throw new Error(`no element matches ${selector}`);
      return element;
    },
    texts: (selector) => all(selector).map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim()),
    hrefs: (selector) => all(selector).map((element) => element.getAttribute('href') ?? ''),
  };
}

/** The search parameters of an href, for comparing links without caring about encoding. */
export function paramsOf(href: string): URLSearchParams {
  return new URL(href, 'http://localhost').searchParams;
}

export function pathOf(href: string): string {
  return new URL(href, 'http://localhost').pathname;
}

/** Articles by id, for checking what hits are. */
export const byId = new Map(ARTICLES.map((article) => [article.id, article]));

/** The article ids a results page links to, in order. */
export function hitIds(page: Page): string[] {
  return page.hrefs('.hit-title a').map((href) => decodeURIComponent(pathOf(href).replace('/articles/', '')));
}
