import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readArticles, streamArticles } from '../../src/ingest/read-articles.ts';
import { parseArticleRecord } from '../../src/ingest/parse-json.ts';
import type { IngestItem } from '../../src/ingest/types.ts';
import { makeTree } from './temp-tree.ts';

const fixtures = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('parseArticleRecord', () => {
  it('accepts text/content for body and published for date, tags as a list or a comma string', () => {
    expect(parseArticleRecord({ title: 'A', text: 'Body', published: '2023-09-13', tags: 'x, y' }, 'f~1')).toEqual({
      ok: true,
      article: { id: 'f~1', title: 'A', body: 'Body', date: '2023-09-13', tags: ['x', 'y'] },
    });
    expect(parseArticleRecord({ title: 'A', content: 'Body', tags: ['x', 3] }, 'f~1')).toMatchObject({
      ok: true,
      article: { body: 'Body', tags: ['x', '3'] },
    });
  });

  it('joins a list of authors and reads a month-precision date', () => {
    expect(parseArticleRecord({ title: 'A', authors: ['Perlis, A. J.', 'Samelson, K.'], date: '1958-12' }, 'f~1')).toMatchObject({
      article: { author: 'Perlis, A. J.; Samelson, K.', date: '1958-12' },
    });
  });

  it('makes a given id URL-safe', () => {
    expect(parseArticleRecord({ id: 'wire/10 01?', title: 'A' }, 'f~1')).toMatchObject({ article: { id: 'wire~10-01' } });
    expect(parseArticleRecord({ id: 42, title: 'A' }, 'f~1')).toMatchObject({ article: { id: '42' } });
  });

  it('makes a record without title and body, or no object at all, a problem', () => {
    expect(parseArticleRecord({ tags: ['x'], title: '  ' }, 'f~1')).toEqual({ ok: false, reason: 'no title and no body' });
    expect(parseArticleRecord([1], 'f~1')).toEqual({ ok: false, reason: 'not a JSON object' });
    expect(parseArticleRecord(null, 'f~1')).toEqual({ ok: false, reason: 'not a JSON object' });
  });
});

describe('JSON files', () => {
  it('streams an array of articles; bad items are problems at path#n and the rest still count', async () => {
    const result = await readArticles([join(fixtures, 'articles.json')]);
    const path = join(fixtures, 'articles.json');
    expect(result.articles).toEqual([
      {
        id: 'wire~1001',
        title: 'Markets rally',
        body: 'Shares rose on Monday.',
        date: '2023-09-13',
        tags: ['markets', 'economy'],
        source: 'Wire',
        url: 'https://example.com/1001',
      },
      { id: 'articles~2', title: 'Rain expected', body: 'Rain is expected across the north.', date: '2023-09-13T16:43:04Z', tags: ['weather', 'north'] },
      { id: 'articles~3', title: 'Budget vote', body: 'Parliament votes on the budget today.', author: 'Jo Reporter', lang: 'en', tags: [] },
    ]);
    expect(result.problems).toEqual([
      { path: `${path}#4`, reason: 'no title and no body' },
      { path: `${path}#5`, reason: 'not a JSON object' },
    ]);
  });

  it('keeps the items before a break in the JSON and reports the break', async () => {
    const tree = await makeTree({ 'cut.json': '[{"title": "Kept"}, {"title": "Also kept"}, {"title": ' });
    cleanups.push(tree.remove);
    const result = await readArticles([tree.root]);
    expect(result.articles.map((article) => article.title)).toEqual(['Kept', 'Also kept']);
    expect(result.problems).toEqual([{ path: join(tree.root, 'cut.json'), reason: 'not valid JSON after item 2' }]);
  });

  it('reads a single object, objects one after another, and reports other JSON', async () => {
    const tree = await makeTree({
      'one.json': '\uFEFF  {\n  "title": "Single",\n  "body": "One object."\n}\n',
      'many.json': '{"title": "First"}\n{"title": "Second"}\n',
      'number.json': '42',
      'empty-array.json': '[]',
    });
    cleanups.push(tree.remove);
    const result = await readArticles([tree.root]);
    expect(result.articles.map((article) => [article.id, article.title])).toEqual([
      ['many~1', 'First'],
      ['many~2', 'Second'],
      ['one~1', 'Single'],
    ]);
    expect(result.problems).toEqual([
      { path: join(tree.root, 'empty-array.json'), reason: 'no articles in file' },
      { path: join(tree.root, 'number.json'), reason: 'not a JSON array or object' },
    ]);
  });
});

describe('JSONL files', () => {
  it('reads line by line: a broken line is a problem at path:line, the other lines still count', async () => {
    const path = join(fixtures, 'articles.jsonl');
    const result = await readArticles([path]);
    expect(result.articles).toEqual([
      { id: '7', title: 'Line one', body: 'First record.', tags: [] },
      {
        id: 'articles~4',
        title: 'A record with a body only. It has no title at all, so its first line becomes the title.',
        body: 'A record with a body only. It has no title at all, so its first line becomes the title.',
        tags: [],
      },
      { id: 'articles~6', title: 'Last line', body: 'Still read after the broken line.', date: '2023-09-13', tags: [] },
    ]);
    expect(result.problems).toEqual([
      { path: `${path}:3`, reason: 'not valid JSON' },
      { path: `${path}:5`, reason: 'not a JSON object' },
    ]);
  });

  it('yields each article with its file as path and its line as location', async () => {
    const path = join(fixtures, 'articles.jsonl');
    const items: IngestItem[] = [];
    for await (const item of streamArticles([path])) items.push(item);
    expect(items.map((item) => (item.kind === 'article' ? `${item.path} ${item.location}` : `${item.path} ${item.reason}`))).toEqual([
      `${path} ${path}:1`,
      `${path}:3 not valid JSON`,
      `${path} ${path}:4`,
      `${path}:5 not a JSON object`,
      `${path} ${path}:6`,
    ]);
  });

  it('reads .ndjson, CRLF lines and a BOM, and has no size limit', async () => {
    const line = JSON.stringify({ title: 'Long', body: 'word '.repeat(100) });
    const tree = await makeTree({ 'feed.ndjson': `\uFEFF${line}\r\n${line.replace('Long', 'Second')}\r\n` });
    cleanups.push(tree.remove);
    const result = await readArticles([tree.root], { maxFileBytes: 100 });
    expect(result.problems).toEqual([]);
    expect(result.articles.map((article) => [article.id, article.title])).toEqual([
      ['feed~1', 'Long'],
      ['feed~2', 'Second'],
    ]);
  });

  it('reports an empty JSONL file and a binary one', async () => {
    const tree = await makeTree({ 'empty.jsonl': '\n\n', 'blob.jsonl': new Uint8Array([123, 0, 1, 2, 125]) });
    cleanups.push(tree.remove);
    await writeFile(join(tree.root, 'ok.jsonl'), '{"title": "Fine"}\n');
    const result = await readArticles([tree.root]);
    expect(result.articles.map((article) => article.title)).toEqual(['Fine']);
    expect(result.problems).toEqual([
      { path: join(tree.root, 'blob.jsonl'), reason: 'binary file' },
      { path: join(tree.root, 'empty.jsonl'), reason: 'file is empty' },
    ]);
  });
});
