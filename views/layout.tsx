import type { Child } from 'hono/jsx';

/** Where the layout finds our stylesheet and scripts (content-hashed URLs). */
export interface LayoutAssets {
  css: string;
  js: string;
  htmx: string;
  icon: string;
}

export interface LayoutProps {
  title: string;
  assets: LayoutAssets;
  children?: Child;
}

/**
 * The site's one layout. Scripts sit in `<head>` with `defer`: htmx swaps only `<body>` on
 * a history restore, so they run once per page. No inline script or style anywhere (CSP).
 */
export function Layout({ title, assets, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="description" content="Search the news archive." />
        {/* htmx would otherwise add its own indicator stylesheet; ours is in broadsheet.css. */}
        <meta name="htmx-config" content='{"includeIndicatorCSS": false}' />
        <title>{title}</title>
        <link rel="stylesheet" href={assets.css} />
        <link rel="icon" type="image/svg+xml" href={assets.icon} />
        <link rel="search" type="application/opensearchdescription+xml" title="Broadsheet" href="/opensearch.xml" />
        <script src={assets.htmx} defer></script>
        <script src={assets.js} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        {children}
        <footer class="site-footer">
          <p>
            <a href="/">Broadsheet</a>, a self-hosted search engine for news archives. Press <kbd>/</kbd> to search.
          </p>
        </footer>
      </body>
    </html>
  );
}

/** The small header of pages other than the search page: the name and a plain search box. */
export function SiteHeader({ q = '' }: { q?: string }) {
  return (
    <header class="site-header">
      <div class="site-header-inner">
        <p class="brand brand-small">
          <a href="/">Broadsheet</a>
        </p>
        <form class="header-search" role="search" method="get" action="/search">
          <label for="q" class="visually-hidden">
            Search the archive
          </label>
          <input id="q" name="q" type="search" value={q} placeholder="Search the archive" autocomplete="off" />
          <button type="submit">Search</button>
        </form>
      </div>
    </header>
  );
}
