import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isFurnitureLine, parseTextArticle } from '../../src/ingest/parse-text.ts';

const seedPath = fileURLToPath(new URL('../fixtures/ingest/seed-sample.txt', import.meta.url));

describe('parseTextArticle on the seed sample', async () => {
  const article = parseTextArticle(await readFile(seedPath, 'utf8'), 'seed-sample');

  it('reads the title, the by-line as source and the date line', () => {
    expect(article.title).toBe('Kim Jong Un and Putin toast to “strengthened cooperation”');
    expect(article.source).toBe('time news');
    expect(article.date).toBe('2023-09-13T16:43:04');
    expect(article.id).toBe('seed-sample');
  });

  it('takes the hashtags before the trailing furniture as tags', () => {
    expect(article.tags).toEqual(['Kim', 'Jong', 'Putin', 'toast', 'strengthened', 'cooperation']);
  });

  it('keeps the body from its first sentence to its last, in paragraphs', () => {
    expect(article.body.startsWith('North Korean leader Kim Jong Un and Vladimir Putin met this Wednesday, September 13, at the Vostochny space base.')).toBe(true);
    expect(article.body.endsWith('On the same day, with the two leaders still meeting, North Korea launched two ballistic missiles that fell into the Sea of Japan.')).toBe(true);
    expect(article.body.split('\n\n')).toHaveLength(7);
    expect(article.body).toContain('his “priority“.');
  });

  it('leaves the site furniture and the hashtags out of the body', () => {
    for (const furniture of ['Published on', '1 min', 'You may also like', 'Leave a Comment', '#Kim', 'by time news']) {
      expect(article.body).not.toContain(furniture);
    }
  });
});

describe('parseTextArticle', () => {
  it('reads a file that does not follow the format: first line title, the rest body', () => {
    const article = parseTextArticle('\n\n  Just some notes  \nline two\n\nline three\n', 'notes');
    expect(article).toEqual({ id: 'notes', title: 'Just some notes', body: 'line two\n\nline three', tags: [] });
  });

  it('reads a title alone', () => {
    expect(parseTextArticle('Only a title', 'a')).toEqual({ id: 'a', title: 'Only a title', body: '', tags: [] });
  });

  it('accepts the date line before the by-line, and a by-line in any case', () => {
    const article = parseTextArticle('Title\n\n13 September 2023\nBY Reuters\n\nBody.', 'a');
    expect(article).toMatchObject({ source: 'Reuters', date: '2023-09-13', body: 'Body.' });
  });

  it('does not take a body sentence starting with "By" for a by-line', () => {
    const article = parseTextArticle('Title\n\nBy the end of the year, prices rose.\n\nMore.', 'a');
    expect(article.source).toBeUndefined();
    expect(article.body).toBe('By the end of the year, prices rose.\n\nMore.');
  });

  it('does not take an impossible date for a date line', () => {
    const article = parseTextArticle('Title\n31/02/2023\nBody.', 'a');
    expect(article.date).toBeUndefined();
    expect(article.body).toBe('31/02/2023\nBody.');
  });

  it('takes the date of a "Published on" line when there is no date line', () => {
    const article = parseTextArticle('Title\n\nPublished on: 13/09/2023 – 16:43\n\nBody.', 'a');
    expect(article.date).toBe('2023-09-13T16:43:00');
    expect(article.body).toBe('Body.');
  });

  it('takes hashtags only from the last line, and keeps # inside the body', () => {
    const article = parseTextArticle('Title\n\n#1 story of the day\n\nBody.\n#one #two #one', 'a');
    expect(article.tags).toEqual(['one', 'two']);
    expect(article.body).toBe('#1 story of the day\n\nBody.');
  });

  it('reads CRLF line ends', () => {
    expect(parseTextArticle('Title\r\nby Source\r\n\r\nBody.\r\n', 'a')).toMatchObject({ title: 'Title', source: 'Source', body: 'Body.' });
  });
});

describe('isFurnitureLine', () => {
  it.each([
    'Published on: 13/09/2023 – 16:43',
    'Updated: 14/09/2023',
    '1 min',
    '3 min read',
    '5 minutes read',
    'You may also like',
    'Leave a Comment',
    'Share this',
    'Share this article:',
    'Related',
    'Related articles',
    'Read more',
  ])('drops %j', (line) => {
    expect(isFurnitureLine(line)).toBe(true);
  });

  it.each([
    'Published on Monday, the report found that prices rose.',
    'You may also like this one, she said.',
    'It took 1 min for the rocket to clear the tower.',
    'Related companies also reported losses.',
  ])('keeps %j', (line) => {
    expect(isFurnitureLine(line)).toBe(false);
  });
});
