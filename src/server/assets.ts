import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A file served under `/assets/` at a URL that changes whenever its content does. */
export interface Asset {
  /** `/assets/broadsheet.3f2a9c1d0b.css` */
  url: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

/** The URLs the layout links to. */
export interface AssetUrls {
  css: string;
  js: string;
  htmx: string;
  icon: string;
}

export interface AssetTable {
  urls: AssetUrls;
  /** By URL path. */
  byPath: ReadonlyMap<string, Asset>;
}

const ASSETS_DIR = new URL('../../views/assets/', import.meta.url);

let cached: AssetTable | undefined;

/**
 * Reads the stylesheet, our script and htmx once per process, from paths resolved against
 * this module and the installed htmx package (never the working directory), and names each
 * by a hash of its content.
 */
export function loadAssets(): AssetTable {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  // The map file is not served; drop the comment so browsers do not ask for it.
  const htmx = readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
  const css = makeAsset('broadsheet', 'css', 'text/css; charset=utf-8', readFileSync(fileURLToPath(new URL('broadsheet.css', ASSETS_DIR))));
  const js = makeAsset('broadsheet', 'js', 'text/javascript; charset=utf-8', readFileSync(fileURLToPath(new URL('broadsheet.js', ASSETS_DIR))));
  const htmxAsset = makeAsset('htmx.min', 'js', 'text/javascript; charset=utf-8', new TextEncoder().encode(htmx));
  const icon = makeAsset('favicon', 'svg', 'image/svg+xml', readFileSync(fileURLToPath(new URL('favicon.svg', ASSETS_DIR))));
  cached = {
    urls: { css: css.url, js: js.url, htmx: htmxAsset.url, icon: icon.url },
    byPath: new Map([css, js, htmxAsset, icon].map((asset) => [asset.url, asset])),
  };
  return cached;
}

function makeAsset(name: string, extension: string, contentType: string, content: Uint8Array): Asset {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  return { url: `/assets/${name}.${hash}.${extension}`, contentType, body: new Uint8Array(content) };
}
