import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Library } from '../library.ts';
import { requireBasicAuth, type Credentials } from './access.ts';
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
  /**
   * When set, every route but `/healthz` needs these credentials (HTTP Basic auth, compared in
   * constant time); without them the answer is 401. Off by default.
   */
  auth?: Credentials;
}

/** The largest request body accepted (413 past it). The server only reads, so bodies have no use. */
export const MAX_BODY_BYTES = 16 * 1024;
/** The methods every route answers; anything else gets 405. */
const ALLOWED_METHODS = ['GET', 'HEAD'];


/**
 * The whole web front: pages, fragments, JSON API, assets. It never listens; tests call
 * `app.request()` and `startServer` serves it.
 */
export function createApp(options: AppOptions): Hono {
  const { getLibrary, log, auth } = options;
  // Behind auth, nothing may be kept by a shared cache and handed to someone without credentials.
  const scope = auth === undefined ? 'public' : 'private';
  /** Hashed assets never change at their URL. */
  const immutable = `${scope}, max-age=31536000, immutable`;
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
  // Before anything else reads the request; assets included, `/healthz` excepted.
  if (auth !== undefined) app.use(requireBasicAuth(auth));
  app.use(siteRenderer(assets.urls));
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => answerError(c, 413, 'Request too large', `A request body may hold at most ${MAX_BODY_BYTES / 1024} KB.`),
    }),
  );
  // Every route only reads: POST and friends get 405 rather than a 404 or a failure.
  app.use(async (c, next) => {
    if (ALLOWED_METHODS.includes(c.req.method)) return next();
    c.header('Allow', ALLOWED_METHODS.join(', '));
    return answerError(c, 405, 'Method not allowed', `This address answers only ${ALLOWED_METHODS.join(' and ')} requests.`);
  });

  app.get('/assets/:file', (c) => {
    const asset = assets.byPath.get(c.req.path);
    if (asset === undefined) return c.notFound();
    return c.body(asset.body, 200, { 'Content-Type': asset.contentType, 'Cache-Control': immutable });
  });

  app.get('/opensearch.xml', (c) => {
    const { origin } = new URL(c.req.url);
    return c.body(openSearchDescription(origin), 200, {
      'Content-Type': 'application/opensearchdescription+xml; charset=utf-8',
      'Cache-Control': `${scope}, max-age=3600`,
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

/** An error as JSON under `/api/` and for `/healthz`, as a page (or fragment) elsewhere. */
function answerError(c: Context, status: 405 | 413, heading: string, message: string): Response | Promise<Response> {
  if (isJsonPath(c.req.path)) return c.json({ error: message }, status);
  return renderError(c, { status, heading, message });
}

function isJsonPath(path: string): boolean {
  return path.startsWith('/api/') || path === '/healthz';
}
