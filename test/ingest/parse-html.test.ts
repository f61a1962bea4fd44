import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHtmlArticle } from '../../src/ingest/parse-html.ts';

const fixture = fileURLToPath(new URL('../fixtures/ingest/article.html', import.meta.url));

describe('parseHtmlArticle on a full page', async () => {
  const article = parseHtmlArticle(await readFile(fixture, 'utf8'), 'article');

  it('reads the metadata from the page tags', () => {
    expect(article).toMatchObject({
      id: 'article',
      title: 'Kim Jong Un and Putin toast to “strengthened cooperation”',
      url: 'https://example.com/world/kim-putin',
      source: 'Example News',
      author: 'Jo Reporter',
      date: '2023-09-13T16:43:04+02:00',
      lang: 'en-GB',
      tags: ['Kim', 'Putin'],
    });
  });

  it('keeps the article text in paragraphs, without the repeated heading', () => {
    const paragraphs = article.body.split('\n\n');
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^North Korean leader Kim Jong Un and Vladimir Putin met this Wednesday, September 13, at the Vostochny space base\./);
    expect(paragraphs[1]).toContain('visited civil and military aeronautical equipment factories');
    expect(paragraphs[2]).toBe('On the same day, North Korea launched two ballistic missiles that fell into the Sea of Japan.');
  });

  it('leaves navigation, header, footer, scripts and styles out of the body', () => {
    for (const furniture of ['navigation', 'Site header', 'Site footer', 'secret', 'font-family', 'inlineSecret']) {
      expect(article.body).not.toContain(furniture);
    }
  });
});

describe('parseHtmlArticle fallbacks', () => {
  const page = (head: string, body: string): string =>
    `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

  it('takes the title from <title> without og:title, and from the first <h1> without either', () => {
    expect(parseHtmlArticle(page('<title> From  title </title>', '<h1>From h1</h1><p>Text.</p>'), 'a').title).toBe('From title');
    const fromHeading = parseHtmlArticle(page('', '<article><h1>From h1</h1><p>Text of the article.</p></article>'), 'a');
    expect(fromHeading.title).toBe('From h1');
    expect(fromHeading.body).toBe('Text of the article.');
  });

  it('takes the date from <time datetime> and the URL from og:url without a canonical link', () => {
    const article = parseHtmlArticle(
      page('<meta property="og:url" content="https://example.com/a">', '<p>Text <time datetime="2023-09-13">Sept. 13</time>.</p>'),
      'a',
    );
    expect(article).toMatchObject({ date: '2023-09-13', url: 'https://example.com/a' });
  });

  it('takes tags from keywords without article:tag metas', () => {
    const article = parseHtmlArticle(page('<meta name="keywords" content="Asia, economy">', '<p>Text.</p>'), 'a');
    expect(article.tags).toEqual(['Asia', 'economy']);
  });

  it('reads a bare fragment, a <br> as a line break, and leaves out absent fields', () => {
    expect(parseHtmlArticle('<p>First line<br>second line</p><p>Next</p>', 'a')).toEqual({
      id: 'a',
      title: 'First line',
      body: 'First line\nsecond line\n\nNext',
      tags: [],
    });
  });

  it('gives an empty article for a page without text', () => {
    expect(parseHtmlArticle(page('<script>x()</script>', '<nav>Menu</nav>'), 'a')).toEqual({ id: 'a', title: '', body: '', tags: [] });
  });
});
