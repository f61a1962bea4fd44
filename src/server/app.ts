import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Library } from '../library.ts';
import { registerApi } from './api.ts';
import { loadAssets } from './assets.ts';
import { openSearchDescription } from './opensearch.ts';
import { registerPages, renderError } from './pages.tsx';
import { siteRenderer } from './renderer.tsx';

export interface AppOptions {
  /**
   * The library to answer from, asked once per request, so the index behind it can be
   * swapped while the server runs.
   */
  getLibrary: () => Library;
  /** Receives one line per request (`GET /search?q=x 200 4ms`); nothing is logged without it. */
  log?: (line: string) => void;
}

/** Hashed assets never change at their URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The whole web front: pages, fragments, JSON API, assets. It never listens; tests call
 * `app.request()` and `startServer` serves it.
 */
export function createApp(options: AppOptions): Hono {
  const { getLibrary, log } = options;
  const assets = loadAssets();
  const app = new Hono();

  if (log !== undefined) {
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      const url = new URL(c.req.url);
      log(`${c.req.method} ${url.pathname}${url.search} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
    });
  }
  app.use(compress());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
      // A self-hosted server usually speaks plain HTTP; HSTS belongs to whatever terminates TLS.
      strictTransportSecurity: false,
    }),
  );
  app.use(siteRenderer(assets.urls));

  app.get('/assets/:file', (c) => {
    const asset = assets.byPath.get(c.req.path);
    if (asset === undefined) return c.notFound();
    return c.body(asset.body, 200, { 'Content-Type': asset.contentType, 'Cache-Control': IMMUTABLE });
  });

  app.get('/opensearch.xml', (c) => {
    const { origin } = new URL(c.req.url);
    return c.body(openSearchDescription(origin), 200, {
      'Content-Type': 'application/opensearchdescription+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    });
  });

  registerApi(app, getLibrary);
  registerPages(app, getLibrary);

  app.notFound((c) => {
    if (isJsonPath(c.req.path)) return c.json({ error: `Nothing at ${c.req.path}.` }, 404);
    return renderError(c, { status: 404, heading: 'Page not found', message: 'There is nothing at this address. Try a search instead.' });
  });

  app.onError((error, c) => {
    const status = error instanceof HTTPException && error.status < 500 ? error.status : 500;
    if (status === 500) console.error(`broadsheet: ${c.req.method} ${c.req.path} failed:`, error);
    const message = status === 500 ? 'Something went wrong on our side. The error has been logged.' : 'The request could not be understood.';
    if (isJsonPath(c.req.path)) return c.json({ error: message }, status);
    return renderError(c, { status, heading: status === 500 ? 'Something went wrong' : 'Bad request', message });
  });

  return app;
}

function isJsonPath(path: string): boolean {
  return path.startsWith('/api/') || path === '/healthz';
}
