import { navLink } from './nav-link.ts';
import type { SearchTipModel } from './search-model.ts';

/** What the engine does without being asked; said once under the operators. */
export function QuietFeatures() {
  return (
    <>
      Other forms of a word are found too (<code>toasts</code> finds <i>toast</i>), accents need not be typed (<code>zurich</code> finds <i>Zürich</i>),
      and when little matches, close spellings are tried.
    </>
  );
}

/**
 * The operators of the query language, each with its example search as a link. `swap` makes
 * the links update the results in place (on the search page); otherwise they are plain links.
 */
export function SearchTipsList({ tips, swap = false }: { tips: SearchTipModel[]; swap?: boolean }) {
  return (
    <dl class="tips">
      {tips.map((tip) => {
        // Next to the search box the page stays put; broadsheet.js shows the results if off screen.
        const link = swap ? { ...navLink(tip.example.href), 'hx-swap': 'innerHTML' } : { href: tip.example.href };
        return (
          <div class="tip">
            <dt class="tip-syntax">
              {tip.syntax.map((syntax) => (
                <code>{syntax}</code>
              ))}
            </dt>
            <dd class="tip-meaning">{tip.meaning}</dd>
            <dd class="tip-example">
              <a {...link}>
                <span class="visually-hidden">Search for </span>
                <code>{tip.example.label}</code>
              </a>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * "Search tips" under the search box: a `<details>` disclosure, so it opens and closes without
 * JavaScript and without any inline script or style.
 */
export function SearchTips({ tips }: { tips: SearchTipModel[] }) {
  if (tips.length === 0) return <></>;
  return (
    <details id="search-tips" class="search-tips">
      <summary id="search-tips-toggle" aria-controls="search-tips-panel">
        Search tips
        <span class="search-tips-preview">
          {' '}
          <code>"phrase"</code> <code>-word</code> <code>OR</code> <code>title:</code>
        </span>
      </summary>
      <div id="search-tips-panel" class="search-tips-panel">
        <SearchTipsList tips={tips} swap />
        <p class="tips-quiet">
          <QuietFeatures />
        </p>
        <p class="tips-more">
          <a href="/help">Search tips on a page of their own</a>
        </p>
      </div>
    </details>
  );
}
