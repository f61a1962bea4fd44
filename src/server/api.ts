import type { Hono } from 'hono';
import { QueryError, type Library } from '../library.ts';
import { readSearchRequest } from '../query/search-request.ts';
import { toSearchJson } from './search-json.ts';

/** `GET /api/search`, `GET /api/suggest`, `GET /healthz`: JSON, field names as in the contract. */
export function registerApi(app: Hono, getLibrary: () => Library): void {
  app.get('/api/search', (c) => {
    try {
      // A bad date, a cut query or dropped facet values come back as `notices`, not as a 400.
      const { request, notices } = readSearchRequest((name) => c.req.queries(name) ?? []);
      return c.json(toSearchJson(getLibrary().search(request), notices));
    } catch (error) {
      if (error instanceof QueryError) return c.json({ error: error.message }, 400);
      throw error;
    }
  });

  app.get('/api/suggest', (c) => {
    const q = c.req.query('q') ?? '';
    const suggestions = q.trim() === '' ? [] : getLibrary().suggest(q);
    // `format=opensearch` answers in the OpenSearch suggestions shape browsers ask for.
    if (c.req.query('format') === 'opensearch') {
      return c.body(JSON.stringify([q, suggestions]), 200, { 'Content-Type': 'application/x-suggestions+json; charset=utf-8' });
    }
    return c.json({ q, suggestions });
  });

  app.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    const { documents, builtAt } = getLibrary().stats();
    return c.json({ status: 'ok', documents, snapshot: builtAt });
  });
}
