import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { libraryFromArticles } from '../../src/query/create-library.ts';
import { startServer, type RunningServer } from '../../src/server/start-server.ts';
import { ARTICLES } from '../fixtures/server/articles.ts';

// Real headless Chromium from Debian's `chromium` package; never a downloaded browser.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

declare global {
  interface Window {
    __marker?: string;
    __cspViolations?: string[];
  }
}

let server: RunningServer;
let browser: Browser;
/** What each test's pages said on the console, and the CSP violations they saw. */
let problems: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer({ getLibrary: () => libraryFromArticles(ARTICLES), port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  for (const context of contexts.splice(0)) {
    for (const page of context.pages()) {
      const violations = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
      problems.push(...violations.map((violation) => `CSP violation: ${violation}`));
    }
    await context.close();
  }
  const seen = problems;
  problems = [];
  expect(seen).toEqual([]);
});

/** A fresh browser context whose console errors, page errors and CSP violations are collected. */
async function openPage(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  if (options.javaScriptEnabled !== false) {
    // Runs before any page script, through the DevTools protocol, so the CSP does not apply to it.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window.__cspViolations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
  }
  await page.goto(`${server.url}${path}`);
  return page;
}

/** Waits on a condition, never on the clock; a generous limit for slow machines. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000, interval: 50 });

const hitTitles = (page: Page) => page.locator('#results .hit-title a').allTextContents();
const pathAndQuery = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};
const shoot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });

/** Waits until the form will push the next change (results looked at, Enter, or a link). */
const untilNextChangePushes = (page: Page) => page.waitForSelector('#search-form[hx-push-url="true"]', { state: 'attached' });

describe('the search page in a real browser', { timeout: 30_000 }, () => {
  it('loads htmx from our origin and runs clean under the CSP', async () => {
    const page = await openPage('/');
    expect(await page.evaluate(() => (window as unknown as { htmx?: { version: string } }).htmx?.version)).toBe('4.0.1');
    // htmx's own indicator stylesheet is switched off; ours is in broadsheet.css.
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    await poll(() => page.locator('.overview').textContent()).toContain('14 articles');
    await shoot(page, 'home');
  });

  it('updates the results while typing, without a page load, and the address follows', async () => {
    const page = await openPage('/');
    await page.evaluate(() => (window.__marker = 'same page'));
    await page.locator('#q').pressSequentially('ferry', { delay: 20 });
    await page.waitForURL((url) => url.search === '?q=ferry');
    await poll(() => hitTitles(page)).toEqual(['New ferry timetable adds evening sailings']);
    expect(await page.locator('#result-summary').textContent()).toContain('1 result for “ferry”');
    expect(await page.evaluate(() => window.__marker)).toBe('same page');
    expect(await page.title()).toBe('ferry – Broadsheet');

    await page.locator('#q').fill('council');
    await page.waitForURL((url) => url.search === '?q=council');
    await poll(() => page.locator('#results .hit').count()).toBe(4);
    // The facets and timeline came in the same swap.
    await poll(() => page.locator('#facets .facet').count()).toBeGreaterThan(3);
    expect(await page.locator('#timeline svg a').count()).toBe(4);
    expect(await page.evaluate(() => window.__marker)).toBe('same page');
    await shoot(page, 'results');
  });

  it('goes Back to the search last looked at, with its text in the box', async () => {
    const page = await openPage('/');
    await page.locator('#q').fill('ferry');
    await page.waitForURL((url) => url.search === '?q=ferry');
    await poll(() => hitTitles(page)).toEqual(['New ferry timetable adds evening sailings']);
    await untilNextChangePushes(page);
    // From here on, only conditions decide: results never count as looked at by the clock.
    await page.locator('#search-form').evaluate((form) => form.setAttribute('data-looked-at-ms', '3600000'));

    // Typing "tr", "tra", "tram" replaces one new entry rather than adding three.
    await page.locator('#q').fill('tr');
    await page.waitForURL((url) => url.search === '?q=tr');
    await page.locator('#q').pressSequentially('am', { delay: 20 });
    await page.waitForURL((url) => url.search === '?q=tram');
    await poll(() => hitTitles(page)).toEqual(['Tram plan returns to the council']);

    await page.goBack();
    await page.waitForURL((url) => url.search === '?q=ferry');
    await poll(() => page.locator('#q').inputValue()).toBe('ferry');
    await poll(() => hitTitles(page)).toEqual(['New ferry timetable adds evening sailings']);

    await page.goForward();
    await page.waitForURL((url) => url.search === '?q=tram');
    await poll(() => page.locator('#q').inputValue()).toBe('tram');
    await poll(() => hitTitles(page)).toEqual(['Tram plan returns to the council']);
  });

  it('gives a search its own entry as soon as Enter is pressed', async () => {
    const page = await openPage('/search?q=quay');
    await page.locator('#q').fill('lighthouse');
    await page.locator('#q').press('Enter');
    await page.waitForURL((url) => url.search === '?q=lighthouse');
    await untilNextChangePushes(page);
    await page.locator('#q').fill('marathon');
    await page.waitForURL((url) => url.search === '?q=marathon');
    await poll(() => hitTitles(page)).toEqual(['Marathon runners brave the rain']);
    await page.goBack();
    await page.waitForURL((url) => url.search === '?q=lighthouse');
    await poll(() => page.locator('#q').inputValue()).toBe('lighthouse');
    await poll(() => hitTitles(page)).toEqual(['Letter: keep the old lighthouse']);
  });

  it('filters by a facet, keeps the filter while typing, and removes it from its chip', async () => {
    const page = await openPage('/search?q=council');
    await page.evaluate(() => (window.__marker = 'same page'));
    await page.locator('#facets a.facet', { hasText: 'The Daily Ledger' }).click();
    await page.waitForURL((url) => url.searchParams.getAll('source').join() === 'The Daily Ledger');
    await poll(() => page.locator('#results .hit').count()).toBe(3);
    await poll(() => page.locator('#active-filters a.chip').count()).toBe(1);
    expect(await page.locator('#facets .facet-active').textContent()).toContain('The Daily Ledger');
    // The form now carries the filter, so typing keeps it.
    expect(await page.locator('#search-filters input[name="source"]').getAttribute('value')).toBe('The Daily Ledger');
    await shoot(page, 'facet');

    await page.locator('#q').fill('budget');
    await page.waitForURL((url) => url.searchParams.get('q') === 'budget' && url.searchParams.get('source') === 'The Daily Ledger');
    await poll(() => page.locator('#results .hit').count()).toBe(2);

    await page.locator('#active-filters a.chip').click();
    await page.waitForURL((url) => url.search === '?q=budget');
    await poll(() => page.locator('#search-filters input[name="source"]').count()).toBe(0);
    expect(await page.evaluate(() => window.__marker)).toBe('same page');

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('source') === 'The Daily Ledger');
    await poll(() => page.locator('#search-filters input[name="source"]').count()).toBe(1);
  });

  it('narrows to a period from the timeline and pages through results', async () => {
    const page = await openPage('/search?q=harbour&limit=4');
    await page.locator('#timeline a.timeline-link').nth(1).click();
    await page.waitForURL((url) => url.searchParams.get('from') === '2020-01-01' && url.searchParams.get('to') === '2020-12-31');
    await poll(() => page.locator('#from').inputValue()).toBe('2020-01-01');
    await poll(() => page.locator('#active-filters a.chip').textContent()).toContain('2020');

    await page.goto(`${server.url}/search?q=harbour&limit=4`);
    const first = await hitTitles(page);
    await page.locator('nav.pagination a[rel="next"]').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await poll(() => page.locator('nav.pagination [aria-current="page"]').textContent()).toBe('2');
    const second = await hitTitles(page);
    expect(second.some((title) => first.includes(title))).toBe(false);
  });

  it('changes the order from the select, as a step of its own in the history', async () => {
    const page = await openPage('/search?q=council');
    await page.locator('#search-form').evaluate((form) => form.setAttribute('data-looked-at-ms', '3600000'));
    await page.locator('#sort').selectOption('oldest');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'oldest');
    await poll(() => page.locator('#results .hit time').first().getAttribute('datetime')).toBe('2019-03-12');
    await page.goBack();
    await page.waitForURL((url) => url.search === '?q=council');
    await poll(() => page.locator('#sort').inputValue()).toBe('relevance');
    await poll(() => page.locator('#results .hit time').first().getAttribute('datetime')).toBe('2023-11-14');
  });

  it('opens a result as its article with the words highlighted', async () => {
    const page = await openPage('/search?q=lighthouse');
    await page.locator('#results .hit-title a').first().click();
    await page.waitForURL((url) => url.pathname === '/articles/undated-letter' && url.searchParams.get('q') === 'lighthouse');
    expect(await page.locator('.article mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#first-match').textContent()).toBe('lighthouse');
    expect(await page.locator('.back-link a').getAttribute('href')).toBe('/search?q=lighthouse');
    await shoot(page, 'article');
  });

  it('scrolls the first match into view on a long article', async () => {
    const long = await openPage('/articles/gazette-fishing-quotas?q=cod', { viewport: { width: 400, height: 300 } });
    await poll(() => long.locator('#first-match').evaluate((mark) => {
      const box = mark.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    })).toBe(true);
  });

  it('completes words from the keyboard', async () => {
    const page = await openPage('/');
    const box = page.locator('#q');
    await box.pressSequentially('harb', { delay: 20 });
    await page.waitForSelector('#q-suggestions:not([hidden]) [role="option"]');
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#q-suggestions [role="option"]').allTextContents()).toEqual(['harbour']);
    await shoot(page, 'autocomplete');

    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe('q-option-0');
    expect(await page.locator('#q-option-0').getAttribute('aria-selected')).toBe('true');
    await box.press('Enter');
    await page.waitForURL((url) => url.search === '?q=harbour');
    expect(await box.inputValue()).toBe('harbour');
    await poll(() => page.locator('#results .hit').count()).toBe(10);
    expect(await page.locator('#q-suggestions').isHidden()).toBe(true);
    expect(await box.getAttribute('aria-expanded')).toBe('false');

    // Escape closes the list and leaves the text alone.
    await box.fill('');
    await box.pressSequentially('tram pl', { delay: 20 });
    await page.waitForSelector('#q-suggestions:not([hidden]) [role="option"]');
    await box.press('Escape');
    expect(await page.locator('#q-suggestions').isHidden()).toBe(true);
    expect(await box.inputValue()).toBe('tram pl');
    // ArrowUp opens it again on the last suggestion.
    await box.press('ArrowUp');
    expect(await page.locator('#q-suggestions').isVisible()).toBe(true);
    expect(await box.getAttribute('aria-activedescendant')).toBe('q-option-1');
    expect(await page.locator('#q-option-1').textContent()).toBe('tram planks');
  });

  it('focuses the search box on "/"', async () => {
    for (const path of ['/search?q=council', '/articles/ledger-heatwave']) {
      const page = await openPage(path);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      expect(await page.evaluate(() => document.activeElement?.id ?? '')).not.toBe('q');
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
      // Typing "/" in the box itself still types it.
      await page.keyboard.press('/');
      expect(await page.locator('#q').inputValue()).toMatch(/\/$/);
    }
  });

  it('makes results and facets reachable by Tab with a visible focus ring', async () => {
    const page = await openPage('/search?q=council');
    const seen = new Set<string>();
    let ringOnFacet = false;
    for (let i = 0; i < 60 && !ringOnFacet; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return { kind: '', outline: '' };
        const kind = element.closest('.hit-title') ? 'hit' : element.closest('#facets') ? 'facet' : element.closest('#timeline') ? 'timeline' : '';
        const style = getComputedStyle(element);
        return { kind, outline: `${style.outlineStyle} ${style.outlineWidth}` };
      });
      seen.add(focused.kind);
      if (focused.kind === 'facet' || focused.kind === 'hit') expect(focused.outline).toBe('solid 3px');
      if (focused.kind === 'facet') ringOnFacet = true;
    }
    expect(seen).toContain('hit');
    expect(seen).toContain('facet');
  });

  it('works with JavaScript disabled', async () => {
    const page = await openPage('/', { javaScriptEnabled: false });
    await page.locator('#q').fill('council');
    await page.locator('#search-form button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'council');
    expect(await page.locator('#results .hit').count()).toBe(4);
    await page.locator('#facets a.facet', { hasText: 'Evening Courier' }).click();
    await page.waitForURL((url) => url.searchParams.get('source') === 'Evening Courier');
    expect(await hitTitles(page)).toEqual(['Tram plan returns to the council']);
    // The filter is a form field, so a new search from the form keeps it.
    await page.locator('#q').fill('harbour');
    await page.locator('#sort').selectOption('newest');
    await page.locator('#search-form button[type="submit"]').click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'harbour' && url.searchParams.get('sort') === 'newest');
    expect(new URL(page.url()).searchParams.get('source')).toBe('Evening Courier');
    expect(await page.locator('#results .hit').count()).toBe(4);
    await shoot(page, 'no-javascript');
    await page.locator('#results .hit-title a').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/articles/'));
    expect(await page.locator('.article mark').count()).toBeGreaterThan(0);
  });

  it('opens the search tips from the keyboard and runs an example in place', async () => {
    const page = await openPage('/search?q=council');
    await page.evaluate(() => (window.__marker = 'same page'));
    const panel = page.locator('#search-tips-panel');
    expect(await panel.isVisible()).toBe(false);

    // From the box: Tab to the Search button, Tab to the tips, Enter opens them.
    await page.locator('#q').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-tips-toggle');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await poll(() => panel.isVisible()).toBe(true);
    expect(await page.locator('#search-tips').evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    const syntax = await page.locator('#search-tips .tip-syntax code').allTextContents();
    expect(syntax).toEqual(expect.arrayContaining(['"exact phrase"', '-word', 'this OR that', '( )', 'title:word', 'source:name', 'tag:name', 'word*']));
    // The examples are visible links.
    expect(await page.locator('#search-tips .tip-example a').count()).toBe(await page.locator('#search-tips .tip').count());
    await page.locator('#search-tips').evaluate((details) => details.scrollIntoView({ block: 'nearest' }));
    await shoot(page, 'search-tips');

    // Tab on to the second example (the phrase) and follow it with Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = page.locator('#search-tips .tip-example a:focus');
    expect(await focused.count()).toBe(1);
    const q = (await focused.locator('code').textContent())!;
    expect(q).toMatch(/^".+"$/);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === q);
    await poll(() => page.locator('#q').inputValue()).toBe(q);
    await poll(() => page.locator('#result-summary').textContent()).toContain(`for “${q}”`);
    expect(await page.locator('#results .hit').count()).toBeGreaterThan(0);
    // The phrase is marked as one highlight.
    const marked = await page.locator('#results .hit').first().locator('mark').allTextContents();
    expect(marked.map((text) => text.toLowerCase())).toContain(q.slice(1, -1).toLowerCase());
    expect(await page.evaluate(() => window.__marker)).toBe('same page');
    expect(await page.title()).toBe(`${q} – Broadsheet`);
    // The tips stay open for the next example; Back returns to the search before.
    expect(await panel.isVisible()).toBe(true);
    await page.goBack();
    await page.waitForURL((url) => url.search === '?q=council');
    await poll(() => page.locator('#q').inputValue()).toBe('council');
  });

  it('shows the search tips on a phone, in the dark, and without JavaScript', async () => {
    const phone = await openPage('/', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.locator('#search-tips-toggle').tap();
    await poll(() => phone.locator('#search-tips-panel').isVisible()).toBe(true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shoot(phone, 'search-tips-phone');
    // An example below an open panel brings the results into view.
    const example = phone.locator('#search-tips .tip-example a').last();
    const q = (await example.locator('code').textContent())!;
    await example.tap();
    await phone.waitForURL((url) => url.searchParams.get('q') === q);
    await poll(() => phone.locator('#results .hit').count()).toBeGreaterThan(0);
    await poll(() => phone.locator('#results').evaluate((results) => results.getBoundingClientRect().top < window.innerHeight)).toBe(true);

    const dark = await openPage('/search?q=harbour', { colorScheme: 'dark' });
    await dark.locator('#search-tips-toggle').click();
    await poll(() => dark.locator('#search-tips-panel').isVisible()).toBe(true);
    const panelBackground = await dark.locator('#search-tips-panel').evaluate((panel) => getComputedStyle(panel).backgroundColor);
    expect(panelBackground).toBe('rgb(31, 29, 26)');
    await shoot(dark, 'search-tips-dark');

    const plain = await openPage('/', { javaScriptEnabled: false });
    await plain.locator('#search-tips-toggle').click();
    await poll(() => plain.locator('#search-tips-panel').isVisible()).toBe(true);
    const link = plain.locator('#search-tips .tip-example a').nth(3);
    const orQuery = (await link.locator('code').textContent())!;
    expect(orQuery).toContain(' OR ');
    await link.click();
    await plain.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === orQuery);
    expect(await plain.locator('#results .hit').count()).toBeGreaterThan(0);
    expect(await plain.locator('#q').inputValue()).toBe(orQuery);

    const help = await openPage('/help');
    expect(await help.locator('main .tip').count()).toBe(9);
    await shoot(help, 'help');
  });

  it('fits a phone screen and follows a dark colour scheme', async () => {
    const phone = await openPage('/search?q=harbour', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shoot(phone, 'phone');
    const dark = await openPage('/search?q=council', { colorScheme: 'dark' });
    const background = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(21, 20, 18)');
    await shoot(dark, 'dark');
    expect(pathAndQuery(dark)).toBe('/search?q=council');
  });
});
