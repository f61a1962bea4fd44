import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Library } from '../library.ts';
import { readSearchRequest } from '../query/search-request.ts';
import { ArticlePage } from '../../views/article-page.tsx';
import { ErrorFragment, ErrorPage, type ErrorPageModel } from '../../views/error-page.tsx';
import { HelpPage } from '../../views/help-page.tsx';
import { ResultsFragment, SearchPage } from '../../views/search-page.tsx';
import { buildArticlePage } from './article-page-model.ts';
import { buildHelpPage } from './help-page-model.ts';
import { blankRequest } from './search-links.ts';
import { buildSearchPage } from './search-page-model.ts';

/**
 * True for an htmx request that swaps one region (`HX-Request-Type: partial`). A history
 * restore asks with `HX-Request-Type: full` and gets the whole page, like a browser would.
 */
export function isPartialRequest(c: Context): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-Request-Type') === 'partial';
}

/** `GET /` and `GET /search` (one URL, two representations), `GET /articles/:id`, `GET /help`. */
export function registerPages(app: Hono, getLibrary: () => Library): void {
  const search = (c: Context) => {
    const { model, status } = buildSearchPage(getLibrary(), (name) => c.req.queries(name) ?? []);
    c.header('Vary', 'HX-Request, HX-Request-Type');
    c.status(status);
    if (isPartialRequest(c)) return c.html(<ResultsFragment model={model} />);
    return c.render(<SearchPage model={model} />, { title: model.title });
  };
  app.get('/', search);
  app.get('/search', search);

  app.get('/articles/:id', (c) => {
    const library = getLibrary();
    const article = library.getArticle(c.req.param('id'));
    if (article === undefined) {
      return renderError(c, { status: 404, heading: 'No such article', message: 'The archive has no article at this address. It may have been removed when the index was rebuilt.' });
    }
    // The search the article was found by; parameters that do not parse just start a fresh one.
    let search;
    try {
      search = readSearchRequest((name) => c.req.queries(name) ?? []).request;
    } catch {
      search = blankRequest({ q: c.req.query('q') ?? '' });
    }
    const model = buildArticlePage(library, article, search);
    return c.render(<ArticlePage model={model} />, { title: `${article.title} – Broadsheet` });
  });

  app.get('/help', (c) => c.render(<HelpPage model={buildHelpPage(getLibrary())} />, { title: 'Search tips – Broadsheet' }));
}

/** An error as a page in the site layout, or as the results region for an htmx swap. */
export function renderError(c: Context, model: ErrorPageModel): Response | Promise<Response> {
  c.status(model.status as ContentfulStatusCode);
  if (isPartialRequest(c)) return c.html(<ErrorFragment model={model} />);
  return c.render(<ErrorPage model={model} />, { title: `${model.heading} – Broadsheet` });
}
