import { describe, expect, it } from 'vitest';
import { getPage, paramsOf } from './helpers.ts';

describe('GET /articles/:id', () => {
  it('shows the article with title, source, author, date, paragraphs, tags and its original URL', async () => {
    const page = await getPage('/articles/ledger-harbour-expansion');
    expect(page.status).toBe(200);
    expect(page.document.title).toBe('Harbour expansion approved after long debate – Broadsheet');
    expect(page.one('h1.article-title').textContent).toBe('Harbour expansion approved after long debate');
    expect(page.one('.article-source').textContent).toBe('The Daily Ledger');
    expect(page.one('.article-author').textContent).toBe('by Ada Brennan');
    const time = page.one('.article-meta time');
    expect(time.getAttribute('datetime')).toBe('2019-03-12');
    expect(time.textContent).toBe('12 March 2019');
    // Paragraphs are split on blank lines.
    expect(page.all('.article-body p')).toHaveLength(3);
    expect(page.all('mark')).toHaveLength(0);
    expect(page.hrefs('.article-footer .tag')).toEqual(['/search?tag=Harbour', '/search?tag=Council']);
    expect(page.one('.article-url a').getAttribute('href')).toBe('https://ledger.example.com/2019/harbour-expansion');
    expect(page.one('link[rel="search"]').getAttribute('href')).toBe('/opensearch.xml');
  });

  it('highlights the words of ?q= in title and body, names the first mark, and links back', async () => {
    const page = await getPage('/articles/gazette-storm-quay?q=harbour+quay');
    expect(page.texts('h1 mark')).toEqual(['quay']);
    expect(page.texts('.article-body mark')).toEqual(expect.arrayContaining(['quay', 'Harbour', 'harbour']));
    expect(page.one('h1 mark').getAttribute('id')).toBe('first-match');
    expect(page.all('#first-match')).toHaveLength(1);
    const back = page.one('.back-link a').getAttribute('href')!;
    expect(back.startsWith('/search?')).toBe(true);
    expect(paramsOf(back).get('q')).toBe('harbour quay');
    expect(page.one('#q').getAttribute('value')).toBe('harbour quay');
  });

  it('marks the words of a phrase only where the phrase stands', async () => {
    const page = await getPage(`/articles/gazette-storm-quay?q=${encodeURIComponent('"old quay"')}`);
    expect(page.texts('h1 mark')).toEqual(['old quay']);
    // "the old quay" in the body, but neither "quays" nor a lone "old" elsewhere.
    expect(page.texts('.article-body mark')).toEqual(['old quay']);
  });

  it('is linked from results with the whole search, and links back to the same results', async () => {
    const results = await getPage('/search?q=harbour&source=The+Daily+Ledger&sort=newest');
    const href = results.hrefs('.hit-title a, h2 a').find((link) => link.startsWith('/articles/'))!;
    expect(paramsOf(href).get('source')).toBe('The Daily Ledger');
    expect(paramsOf(href).get('sort')).toBe('newest');
    const article = await getPage(href);
    const back = paramsOf(article.one('.back-link a').getAttribute('href')!);
    expect([back.get('q'), back.get('source'), back.get('sort')]).toEqual(['harbour', 'The Daily Ledger', 'newest']);
    expect(article.all('mark').length).toBeGreaterThan(0);
  });

  it('names the first mark in the body when the title has none', async () => {
    const page = await getPage('/articles/ledger-budget-2020?q=harbour');
    expect(page.one('.article-body #first-match').textContent).toBe('harbour');
  });

  it('answers an unknown id with a 404 page in the site layout', async () => {
    const page = await getPage('/articles/no-such-article');
    expect(page.status).toBe(404);
    expect(page.html).toMatch(/^<!DOCTYPE html>/);
    expect(page.one('h1').textContent).toBe('No such article');
    expect(page.one('link[rel="stylesheet"]').getAttribute('href')).toMatch(/^\/assets\/broadsheet\.[0-9a-f]+\.css$/);
  });
});
