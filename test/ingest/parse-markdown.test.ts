import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../src/ingest/markdown-to-text.ts';
import { parseMarkdownArticle } from '../../src/ingest/parse-markdown.ts';

describe('parseMarkdownArticle', () => {
  it('reads every front matter field', () => {
    const text = [
      '---',
      'title: "Kim and Putin meet"',
      'date: 2023-09-13',
      'tags: [Kim, Putin]',
      'url: https://example.com/kim',
      'source: time news',
      'author: Jo Reporter',
      'lang: en',
      'id: kim putin/2023',
      '---',
      '',
      'The two leaders met.',
    ].join('\n');
    expect(parseMarkdownArticle(text, 'fallback')).toEqual({
      ok: true,
      article: {
        id: 'kim-putin~2023',
        title: 'Kim and Putin meet',
        body: 'The two leaders met.',
        tags: ['Kim', 'Putin'],
        url: 'https://example.com/kim',
        source: 'time news',
        author: 'Jo Reporter',
        date: '2023-09-13',
        lang: 'en',
      },
    });
  });

  it('reads tags as a comma string, a quoted date-time, and falls back from source to author', () => {
    const text = '---\ntitle: T\ntags: "economy, Asia ,"\ndate: "Sept. 13, 2023"\nauthor: Jo\n---\nBody.';
    const result = parseMarkdownArticle(text, 'a');
    expect(result.ok && result.article).toMatchObject({ id: 'a', tags: ['economy', 'Asia'], date: '2023-09-13', source: 'Jo', author: 'Jo' });
  });

  it('takes the title from the first # heading and leaves it out of the body', () => {
    const result = parseMarkdownArticle('Intro line.\n\n# The *real* title\n\nBody **text**.\n\n## Section\n\nMore.', 'a');
    expect(result).toEqual({
      ok: true,
      article: { id: 'a', title: 'The real title', body: 'Intro line.\n\nBody text.\n\nSection\n\nMore.', tags: [] },
    });
  });

  it('drops a heading that repeats the front matter title', () => {
    const result = parseMarkdownArticle('---\ntitle: Same\n---\n# Same\n\nBody.', 'a');
    expect(result.ok && result.article.body).toBe('Body.');
  });

  it('takes the first line as title when there is neither front matter title nor heading', () => {
    const result = parseMarkdownArticle('A **plain** first line\nsecond line\n\nthird', 'a');
    expect(result.ok && result.article).toMatchObject({ title: 'A plain first line', body: 'second line\n\nthird' });
  });

  it('makes broken YAML a problem with its line, not an exception', () => {
    expect(parseMarkdownArticle('---\ntitle: ok\ntags: [unclosed\n---\nBody', 'a')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^front matter is not valid YAML/),
    });
    expect(parseMarkdownArticle('---\ntitle: ok\n  bad: indent\n---\nBody', 'a')).toEqual({
      ok: false,
      reason: 'front matter is not valid YAML (line 3)',
    });
  });
});

describe('markdownToText', () => {
  it('keeps the words and drops the marks', () => {
    const markdown = [
      '## Heading ##',
      '',
      'Some *emphasis*, __strong__, ~~gone~~ and `code`; a [link](https://example.com "t") and',
      'an image ![alt text](pic.png) and a snake_case_name and 2*3*4.',
      '',
      '> a quote',
      '',
      '- item one',
      '2. item two',
      '',
      '***',
      '',
      '```js',
      'const x = *not emphasis*;',
      '```',
      '',
      '[ref]: https://example.com',
    ].join('\n');
    expect(markdownToText(markdown)).toBe(
      [
        'Heading',
        '',
        'Some emphasis, strong, gone and code; a link and',
        'an image and a snake_case_name and 2*3*4.',
        '',
        'a quote',
        '',
        'item one',
        'item two',
        '',
        'const x = *not emphasis*;',
      ].join('\n'),
    );
  });

  it('drops a setext underline', () => {
    expect(markdownToText('Title\n=====\n\nBody')).toBe('Title\n\nBody');
  });
});

describe('parseMarkdownArticle without front matter', () => {
  it('reads a document that starts with a horizontal rule and never closes it', () => {
    const result = parseMarkdownArticle('---\nNot front matter\n\nBody text.', 'a');
    expect(result).toEqual({ ok: true, article: { id: 'a', title: 'Not front matter', body: 'Body text.', tags: [] } });
  });
});
