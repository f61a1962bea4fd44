import { describe, expect, it } from 'vitest';
import { byId, getPage, HISTORY_RESTORE, hitIds, paramsOf, PARTIAL, pathOf, type Page } from './helpers.ts';

/** Active filter chips as read, without the × that removes them. */
const chipTexts = (page: Page) => page.texts('#active-filters a.chip').map((text) => text.replace(/\s*×$/, ''));

describe('GET /search: one URL, two representations', () => {
  it('answers a plain request with the full page', async () => {
    const page = await getPage('/search?q=council');
    expect(page.status).toBe(200);
    expect(page.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(page.one('#q').getAttribute('value')).toBe('council');
    expect(page.all('#results .hit')).toHaveLength(4);
    expect(page.document.title).toBe('council – Broadsheet');
  });

  it('answers an htmx partial request with the results fragment and partials, no page', async () => {
    const page = await getPage('/search?q=council', PARTIAL);
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/<html|<body|<head|<!DOCTYPE/i);
    expect(page.all('.hit')).toHaveLength(4);
    const targets = page.all('hx-partial').map((partial) => partial.getAttribute('hx-target'));
    expect(targets).toEqual(expect.arrayContaining(['#result-summary', '#facets', '#timeline', '#active-filters', '#search-filters']));
    expect(page.one('hx-partial[hx-target="#result-summary"]').textContent).toContain('4 results');
    // The form's own fields are morphed, so a field being typed in keeps its text and focus.
    expect(page.one('hx-partial[hx-target="#search-filters"]').getAttribute('hx-swap')).toBe('innerMorph');
    // The fragment names the page, so the tab and the history entry follow the search.
    expect(page.html).toMatch(/^<title>council – Broadsheet<\/title>/);
  });

  it('always varies on the htmx request headers', async () => {
    for (const headers of [{}, PARTIAL, HISTORY_RESTORE]) {
      const vary = (await getPage('/search?q=council', headers)).response.headers.get('vary') ?? '';
      expect(vary).toMatch(/HX-Request\b/);
      expect(vary).toMatch(/HX-Request-Type/);
    }
    expect((await getPage('/')).response.headers.get('vary')).toMatch(/HX-Request-Type/);
  });

  it('gives the full page to a history restore and to htmx requests that are not partial', async () => {
    const variants: Record<string, string>[] = [
      HISTORY_RESTORE,
      { 'HX-Request': 'true' },
      { 'HX-Request': 'true', 'HX-Request-Type': 'full' },
      { 'HX-Request-Type': 'partial' },
    ];
    for (const headers of variants) {
      const page = await getPage('/search?q=ferry', headers);
      expect(page.html, JSON.stringify(headers)).toMatch(/^<!DOCTYPE html>/);
      // The box holds the text of the URL, so Back shows the search that was on screen.
      expect(page.one('#q').getAttribute('value')).toBe('ferry');
    }
  });

  it('carries the form that works without JavaScript and the htmx attributes that enhance it', async () => {
    const page = await getPage('/');
    const form = page.one('form#search-form');
    expect(form.getAttribute('method')).toBe('get');
    expect(form.getAttribute('action')).toBe('/search');
    expect(form.getAttribute('hx-get')).toBe('/search');
    expect(form.getAttribute('hx-trigger')).toBe('input changed delay:250ms, submit');
    expect(form.getAttribute('hx-target')).toBe('#results');
    expect(form.getAttribute('hx-sync')).toBe('this:replace');
    expect(form.getAttribute('hx-replace-url')).toBe('true');
    for (const id of ['q', 'from', 'to', 'sort']) {
      expect(page.all(`label[for="${id}"]`), id).toHaveLength(1);
    }
    expect(page.one('#q').getAttribute('role')).toBe('combobox');
    expect(page.one('#q-suggestions').getAttribute('role')).toBe('listbox');
    expect(page.one('#result-summary').getAttribute('aria-live')).toBe('polite');
    expect(page.all('form button[type="submit"]')).toHaveLength(1);
  });
});

describe('the empty query', () => {
  it('shows what the archive holds and example searches built from it', async () => {
    for (const path of ['/', '/search', '/search?q=', '/search?q=+++']) {
      const page = await getPage(path);
      expect(page.status, path).toBe(200);
      const overview = page.one('.overview').textContent ?? '';
      expect(overview).toContain('14 articles');
      expect(overview).toContain('12 March 2019');
      expect(overview).toContain('19 July 2024');
      expect(page.texts('.counted-links a')).toEqual(expect.arrayContaining(['The Daily Ledger 5', 'Council 4']));
    }
    const page = await getPage('/');
    const examples = page.hrefs('.examples a');
    expect(examples.length).toBeGreaterThanOrEqual(3);
    // Built from the top tags and sources of this archive, not from words in the code.
    expect(examples.map((href) => paramsOf(href).get('q'))).toContain('council');
    expect(examples.some((href) => paramsOf(href).get('source') === 'The Daily Ledger')).toBe(true);
    for (const href of examples) {
      const result = await getPage(href);
      expect(result.all('.hit').length, href).toBeGreaterThan(0);
    }
  });

  it('browses by a filter alone, newest first', async () => {
    const page = await getPage('/search?tag=Council');
    const ids = hitIds(page);
    expect(ids).toEqual(['ledger-budget-2024', 'courier-tram-plan', 'ledger-budget-2020', 'ledger-harbour-expansion']);
  });
});

describe('results', () => {
  it('shows title, source, readable date, snippet with marks, tags and the original URL', async () => {
    const page = await getPage('/search?q=expansion');
    const [hit] = page.all('.hit');
    expect(hit).toBeDefined();
    const link = hit!.querySelector('.hit-title a')!;
    expect(link.getAttribute('href')).toBe('/articles/ledger-harbour-expansion?q=expansion');
    expect(link.querySelector('mark')?.textContent).toBe('expansion');
    expect(hit!.querySelector('.hit-source')?.textContent).toBe('The Daily Ledger');
    const time = hit!.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe('2019-03-12');
    expect(time.textContent).toBe('12 March 2019');
    expect(hit!.querySelector('.hit-snippet mark')?.textContent).toBe('expansion');
    expect(hit!.querySelector('.hit-url')?.getAttribute('href')).toBe('https://ledger.example.com/2019/harbour-expansion');
    const tagLinks = [...hit!.querySelectorAll('.hit-tags a')].map((a) => a.getAttribute('href')!);
    expect(tagLinks.map((href) => paramsOf(href).getAll('tag'))).toEqual([['Harbour'], ['Council']]);
    expect(tagLinks.every((href) => paramsOf(href).get('q') === 'expansion')).toBe(true);
  });

  it('states the count and the time taken', async () => {
    const page = await getPage('/search?q=council');
    const summary = page.one('#result-summary').textContent ?? '';
    expect(summary).toMatch(/4 results for “council” in [\d.]+ (ms|s)/);
    expect((await getPage('/search?q=tram')).one('#result-summary').textContent).toMatch(/^1 result for/);
  });

  it('says so when nothing matches', async () => {
    const page = await getPage('/search?q=xylophone');
    expect(page.status).toBe(200);
    expect(page.all('.hit')).toHaveLength(0);
    expect(page.one('#results').textContent).toContain('Nothing found for “xylophone”');
    expect(page.one('#result-summary').textContent).toContain('No results');
  });

  it('offers a close spelling that finds more', async () => {
    const page = await getPage('/search?q=harbuor&source=Harbour+Gazette');
    const link = page.one('.did-you-mean a');
    expect(link.textContent).toBe('harbour');
    const params = paramsOf(link.getAttribute('href')!);
    expect(params.get('q')).toBe('harbour');
    expect(params.getAll('source')).toEqual(['Harbour Gazette']);
    expect(link.getAttribute('hx-push-url')).toBe('true');
  });

  it('notes when not every word matched, once, in the engine\'s words', async () => {
    const page = await getPage('/search?q=ferry+zebra');
    expect(page.all('.hit').length).toBeGreaterThan(0);
    expect(page.texts('#results .note')).toEqual(['No article has all of your words; showing articles with some of them.']);
    expect((await getPage('/search?q=ferry')).all('#results .note')).toHaveLength(0);
  });
});

describe('filters', () => {
  it('filters by one source and shows it as a removable chip and an active facet', async () => {
    const page = await getPage('/search?q=council&source=The+Daily+Ledger');
    const ids = hitIds(page);
    expect(ids.length).toBe(3);
    expect(ids.every((id) => byId.get(id)?.source === 'The Daily Ledger')).toBe(true);
    const chip = page.one('#active-filters a.chip');
    expect(chip.textContent).toContain('The Daily Ledger');
    const remove = paramsOf(chip.getAttribute('href')!);
    expect(remove.getAll('source')).toEqual([]);
    expect(remove.get('q')).toBe('council');
    expect(page.one('#search-filters input[type="hidden"][name="source"]').getAttribute('value')).toBe('The Daily Ledger');
    const active = page.one('#facets .facet-active');
    expect(active.textContent).toContain('The Daily Ledger');
    expect(paramsOf(active.getAttribute('href')!).getAll('source')).toEqual([]);
  });

  it('ORs repeated values of one facet and ANDs different facets', async () => {
    const both = hitIds(await getPage('/search?q=council&source=The+Daily+Ledger&source=Evening+Courier'));
    expect(both.sort()).toEqual(['courier-tram-plan', 'ledger-budget-2020', 'ledger-budget-2024', 'ledger-harbour-expansion']);
    const anded = hitIds(await getPage('/search?q=council&source=The+Daily+Ledger&tag=Economy'));
    expect(anded.sort()).toEqual(['ledger-budget-2020', 'ledger-budget-2024']);
    const page = await getPage('/search?q=council&source=The+Daily+Ledger&source=Evening+Courier&tag=Economy');
    expect(page.all('#active-filters a.chip')).toHaveLength(3);
    expect(page.all('#active-filters .chip-clear')).toHaveLength(1);
    expect(paramsOf(page.one('.chip-clear').getAttribute('href')!).toString()).toBe('q=council');
  });

  it('filters by tag', async () => {
    const ids = hitIds(await getPage('/search?q=harbour&tag=Weather'));
    expect(ids.sort()).toEqual(['gazette-storm-quay', 'ledger-heatwave']);
  });

  it('filters by a date range, inclusive', async () => {
    const page = await getPage('/search?q=harbour&from=2021-05-07&to=2022-04-23');
    const ids = hitIds(page);
    expect(ids.sort()).toEqual(['courier-election-count', 'gazette-fishing-quotas', 'ledger-library-reopens']);
    expect(page.one('#from').getAttribute('value')).toBe('2021-05-07');
    expect(page.one('#to').getAttribute('value')).toBe('2022-04-23');
    expect(chipTexts(page)).toEqual(['From 7 May 2021', 'To 23 April 2022']);
  });

  it('links each facet value to the search narrowed by it, with counts', async () => {
    const page = await getPage('/search?q=council&sort=newest');
    const sources = page.all('#facets .facet-group').find((group) => group.querySelector('h3')?.textContent === 'Source')!;
    const ledger = [...sources.querySelectorAll('a')].find((a) => a.textContent?.includes('The Daily Ledger'))!;
    expect(ledger.querySelector('.facet-count')?.textContent).toBe('3');
    const params = paramsOf(ledger.getAttribute('href')!);
    expect(params.get('q')).toBe('council');
    expect(params.get('sort')).toBe('newest');
    expect(params.getAll('source')).toEqual(['The Daily Ledger']);
    // Real links that htmx also follows into the results region, with a new history entry.
    expect(ledger.getAttribute('hx-get')).toBe(ledger.getAttribute('href'));
    expect(ledger.getAttribute('hx-target')).toBe('#results');
    expect(ledger.getAttribute('hx-push-url')).toBe('true');
  });

  it('sets from and to to the whole year when a year facet is chosen, and removes it again', async () => {
    const page = await getPage('/search?q=council');
    const year = page.all('#facets a').find((a) => a.querySelector('.facet-value')?.textContent === '2024')!;
    const params = paramsOf(year.getAttribute('href')!);
    expect(params.get('from')).toBe('2024-01-01');
    expect(params.get('to')).toBe('2024-12-31');
    const narrowed = await getPage(year.getAttribute('href')!);
    expect(hitIds(narrowed)).toEqual(['ledger-budget-2024']);
    expect(chipTexts(narrowed)).toEqual(['Period 2024']);
    const active = narrowed.one('#facets .facet-active');
    expect(paramsOf(active.getAttribute('href')!).has('from')).toBe(false);
  });
});

describe('sort', () => {
  const dates = (ids: string[]) => ids.map((id) => byId.get(id)?.date ?? '');

  it('orders by newest and oldest, and keeps the choice in the select', async () => {
    const newest = await getPage('/search?q=council&sort=newest');
    const newestDates = dates(hitIds(newest));
    expect(newestDates).toEqual([...newestDates].sort().reverse());
    expect(newest.one('#sort option[selected]').getAttribute('value')).toBe('newest');
    const oldestDates = dates(hitIds(await getPage('/search?q=council&sort=oldest')));
    expect(oldestDates).toEqual([...newestDates].reverse());
  });
});

describe('pagination', () => {
  it('links to previous, next and numbered pages, keeping the search', async () => {
    const first = await getPage('/search?q=harbour&limit=3&source=The+Daily+Ledger&source=Harbour+Gazette&source=Evening+Courier');
    expect(first.all('.hit')).toHaveLength(3);
    const nav = first.one('nav.pagination');
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('1');
    const next = nav.querySelector('a[rel="next"]')!.getAttribute('href')!;
    expect(paramsOf(next).get('page')).toBe('2');
    expect(paramsOf(next).get('limit')).toBe('3');
    expect(paramsOf(next).getAll('source')).toHaveLength(3);
    expect(nav.querySelector('a[rel="prev"]')).toBeNull();
    expect(first.texts('nav.pagination .page-number')).toEqual(['1', '2', '3', '4']);

    const second = await getPage(next);
    expect(second.one('nav.pagination [aria-current="page"]').textContent).toBe('2');
    expect(second.one('ol.hits').getAttribute('start')).toBe('4');
    expect(hitIds(second).some((id) => hitIds(first).includes(id))).toBe(false);
    const prev = second.one('nav.pagination a[rel="prev"]').getAttribute('href')!;
    expect(paramsOf(prev).has('page')).toBe(false);
    expect(second.one('#result-summary').textContent).toContain('4–6 of 12 results');
  });

  it('shows gaps between far page numbers', async () => {
    const page = await getPage('/search?q=harbour&limit=1&page=7');
    expect(page.texts('nav.pagination li').filter((text) => /^\d+$|…/.test(text))).toEqual(['1', '…', '5', '6', '7', '8', '9', '…', '14']);
  });

  it('points back from a page past the last one', async () => {
    const page = await getPage('/search?q=council&page=9');
    expect(page.status).toBe(200);
    expect(page.all('.hit')).toHaveLength(0);
    const link = page.one('#results .note a');
    expect(link.textContent).toContain('last page (1)');
  });
});

describe('timeline', () => {
  it('draws a bar per year, each a link narrowing the search to that year', async () => {
    const page = await getPage('/search?q=council');
    const svg = page.one('#timeline svg');
    expect(svg.getAttribute('style')).toBeNull();
    const links = [...svg.querySelectorAll('a')];
    expect(links.map((a) => a.querySelector('title')?.textContent)).toEqual(['2019: 1 article', '2020: 1 article', '2023: 1 article', '2024: 1 article']);
    const href = links[2]!.getAttribute('href')!;
    expect(pathOf(href)).toBe('/search');
    expect(paramsOf(href).get('q')).toBe('council');
    expect(paramsOf(href).get('from')).toBe('2023-01-01');
    expect(paramsOf(href).get('to')).toBe('2023-12-31');
    expect(links[2]!.getAttribute('hx-push-url')).toBe('true');
    // Empty years are drawn but are not links.
    expect(svg.querySelectorAll('g.timeline-empty')).toHaveLength(2);
  });

  it('switches to months for a narrow range', async () => {
    const page = await getPage('/search?q=harbour&from=2023-01-01&to=2023-12-31');
    const titles = page.texts('#timeline svg a title');
    expect(titles).toEqual(['May 2023: 1 article', 'November 2023: 1 article', 'December 2023: 1 article']);
    const href = page.one('#timeline svg a').getAttribute('href')!;
    expect(paramsOf(href).get('from')).toBe('2023-05-01');
    expect(paramsOf(href).get('to')).toBe('2023-05-31');
    const narrowed = await getPage(href);
    expect(chipTexts(narrowed)).toEqual(['Period May 2023']);
  });
});

describe('queries the engine cannot use', () => {
  it('shows the message on the full page with status 400', async () => {
    for (const [path, text] of [
      ['/search?q=war&sort=sideways', '"sort" must be one of'],
      ['/search?q=war&page=two', '"page" must be a whole number'],
      ['/search?q=war&limit=all', '"limit" must be a whole number'],
    ] as const) {
      const page = await getPage(path);
      expect(page.status, path).toBe(400);
      expect(page.html).toMatch(/^<!DOCTYPE html>/);
      expect(page.one('#results [role="alert"]').textContent, path).toContain(text);
      // The form keeps what was typed so it can be fixed.
      expect(page.one('#q').getAttribute('value')).toBe('war');
    }
  });

  it('answers an htmx request with the message as a fragment, which htmx 4 swaps', async () => {
    const page = await getPage('/search?q=war&sort=sideways', PARTIAL);
    expect(page.status).toBe(400);
    expect(page.html).not.toMatch(/<html/);
    expect(page.one('[role="alert"]').textContent).toContain('"sort" must be one of');
    expect(page.one('hx-partial[hx-target="#facets"]').textContent).toBe('');
  });
});

describe('browsing without words', () => {
  it('lists the whole archive when an order or a page is asked for', async () => {
    const newest = await getPage('/search?sort=newest');
    expect(newest.all('.overview')).toHaveLength(0);
    expect(hitIds(newest)[0]).toBe('ledger-heatwave');
    expect(newest.one('#result-summary').textContent).toContain('1–10 of 14 results');
    const second = await getPage('/search?page=2');
    expect(second.all('.hit')).toHaveLength(4);
  });

  it('swaps the overview back in when the box is cleared', async () => {
    const page = await getPage('/search', PARTIAL);
    expect(page.html).not.toMatch(/<html/);
    expect(page.one('.overview').textContent).toContain('14 articles');
    for (const target of ['#result-summary', '#facets', '#timeline', '#active-filters']) {
      expect(page.one(`hx-partial[hx-target="${target}"]`).textContent, target).toBe('');
    }
  });
});
