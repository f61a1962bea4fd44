import { describe, expect, it } from 'vitest';
import { ARTICLES } from '../fixtures/server/articles.ts';
import { QUERY_LANGUAGE_ARTICLES } from '../fixtures/server/query-language-articles.ts';
import { clientFor, getPage, library, paramsOf, PARTIAL, pathOf, type Page } from './helpers.ts';

/** Every operator the tips must list, as written in them, one line per operator. */
const OPERATORS = [
  ['word word'],
  ['"exact phrase"'],
  ['-word', '-"a phrase"', 'NOT word'],
  ['this OR that'],
  ['( )'],
  ['title:word'],
  ['source:name', 'source:"two words"'],
  ['tag:name'],
  ['word*'],
];

/** The tips as shown: what to type, and the example's query and link. */
function tipsOf(page: Page, scope: string) {
  return page.all(`${scope} .tip`).map((tip) => {
    const link = tip.querySelector('.tip-example a')!;
    return {
      syntax: [...tip.querySelectorAll('.tip-syntax code')].map((code) => code.textContent ?? ''),
      meaning: tip.querySelector('.tip-meaning')?.textContent ?? '',
      example: link.querySelector('code')?.textContent ?? '',
      link,
      href: link.getAttribute('href') ?? '',
    };
  });
}

describe('search tips under the search box', () => {
  it('are a closed disclosure that needs no script, labelled and tied to the box', async () => {
    const page = await getPage('/');
    const details = page.one('form#search-form details#search-tips');
    expect(details.hasAttribute('open')).toBe(false);
    const summary = details.querySelector(':scope > summary')!;
    expect(summary.id).toBe('search-tips-toggle');
    expect(summary.textContent).toMatch(/^Search tips/);
    expect(summary.getAttribute('aria-controls')).toBe('search-tips-panel');
    expect(details.querySelector('#search-tips-panel')).not.toBeNull();
    expect(page.one('#q').getAttribute('aria-describedby')?.split(' ')).toContain('search-tips-toggle');
    // Reached by Tab after the box and its button, before the filters.
    const order = page.all('#search-form input:not([type="hidden"]), #search-form button, #search-form summary, #search-form select').map((el) => el.id || el.tagName.toLowerCase());
    expect(order.slice(0, 3)).toEqual(['q', 'button', 'search-tips-toggle']);
  });

  it('list every operator with what it does and one example', async () => {
    const tips = tipsOf(await getPage('/'), '#search-tips');
    expect(tips.map((tip) => tip.syntax)).toEqual(OPERATORS);
    for (const tip of tips) {
      expect(tip.meaning.length, tip.syntax[0]).toBeGreaterThan(10);
      expect(tip.example, tip.syntax[0]).not.toBe('');
    }
    expect((await getPage('/')).one('#search-tips .tips-quiet').textContent).toMatch(/toasts.*toast.*zurich.*Zürich/s);
  });

  it('link each example to its search, swapped into the results with a history entry', async () => {
    for (const tip of tipsOf(await getPage('/'), '#search-tips')) {
      expect(pathOf(tip.href)).toBe('/search');
      expect(paramsOf(tip.href).get('q'), tip.example).toBe(tip.example);
      expect([...paramsOf(tip.href).keys()]).toEqual(['q']);
      expect(tip.link.getAttribute('hx-get')).toBe(tip.href);
      expect(tip.link.getAttribute('hx-target')).toBe('#results');
      expect(tip.link.getAttribute('hx-push-url')).toBe('true');
      // The page stays by the tips; broadsheet.js shows the results when they are off screen.
      expect(tip.link.getAttribute('hx-swap')).toBe('innerHTML');
    }
  });

  it('give examples that find articles in this archive, as written', async () => {
    for (const tip of tipsOf(await getPage('/'), '#search-tips')) {
      const results = await getPage(tip.href);
      expect(results.all('.hit').length, tip.example).toBeGreaterThan(0);
      const notes = results.texts('#results .note').join(' ');
      expect(notes, tip.example).not.toMatch(/No article has all|close spellings|was ignored|was missing/);
    }
  });

  it('take sources and tags from the archive', async () => {
    const tips = tipsOf(await getPage('/'), '#search-tips');
    const stats = library.stats();
    expect(tips.find((tip) => tip.syntax[0] === 'source:name')?.example).toBe(`source:"${stats.topSources[0]!.value}"`);
    expect(tips.find((tip) => tip.syntax[0] === 'tag:name')?.example).toBe(`tag:${stats.topTags[0]!.value}`);
  });

  it('prefer familiar news searches when the archive has them, its own words when not', async () => {
    const phrase = (page: Page) => tipsOf(page, '#search-tips').find((tip) => tip.syntax[0] === '"exact phrase"')!.example;
    // The harbour archive has no "state of the union": its example comes from its headlines.
    const own = phrase(await getPage('/'));
    expect(own).toMatch(/^"\p{L}+ \p{L}+"$/u);
    expect(own).not.toBe('"state of the union"');
    const withAddress = clientFor([...ARTICLES, ...QUERY_LANGUAGE_ARTICLES]);
    expect(phrase(await withAddress.getPage('/'))).toBe('"state of the union"');
  });

  it('are on every full search page, and not in the fragment that updates the results', async () => {
    for (const path of ['/', '/search?q=harbour', '/search?q=xylophone', '/search?q=war&sort=sideways']) {
      expect((await getPage(path)).all('#search-tips .tip').length, path).toBe(OPERATORS.length);
    }
    expect((await getPage('/search?q=harbour', PARTIAL)).all('#search-tips, .tip')).toHaveLength(0);
  });

  it('link to the tips on a page of their own', async () => {
    expect((await getPage('/')).hrefs('#search-tips .tips-more a')).toEqual(['/help']);
  });
});

describe('GET /help', () => {
  it('shows the same tips as a page in the site layout, with plain links', async () => {
    const page = await getPage('/help');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/^<!DOCTYPE html>/);
    expect(page.document.title).toBe('Search tips – Broadsheet');
    expect(page.one('main h1').textContent).toBe('Search tips');
    expect(page.all('form[role="search"]')).toHaveLength(1);
    const tips = tipsOf(page, 'main');
    const inForm = tipsOf(await getPage('/'), '#search-tips');
    expect(tips.map(({ syntax, example, href }) => ({ syntax, example, href }))).toEqual(inForm.map(({ syntax, example, href }) => ({ syntax, example, href })));
    for (const tip of tips) expect(tip.link.hasAttribute('hx-get')).toBe(false);
  });

  it('works for an empty archive, leaving out what it has none of', async () => {
    const empty = clientFor([]);
    const page = await empty.getPage('/help');
    expect(page.status).toBe(200);
    const syntax = tipsOf(page, 'main').flatMap((tip) => tip.syntax);
    expect(syntax).not.toContain('source:name');
    expect(syntax).not.toContain('tag:name');
    expect(syntax).toContain('"exact phrase"');
  });
});
