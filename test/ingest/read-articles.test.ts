import { execFileSync } from 'node:child_process';
import { unlinkSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, readArticles, streamArticles } from '../../src/ingest/index.ts';
import type { IngestResult } from '../../src/ingest/index.ts';
import { makeTree } from './temp-tree.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tree(entries: Parameters<typeof makeTree>[0]): Promise<string> {
  const made = await makeTree(entries);
  cleanups.push(made.remove);
  return made.root;
}

const good = 'Good article\n\nby Wire\n\n2023-09-13\n\nIt still counts.\n';
const titles = (result: IngestResult): string[] => result.articles.map((article) => article.title);

describe('readArticles: every format in one folder', () => {
  it('reads text, Markdown, HTML, JSON and JSONL files, in name order, with ids from their paths', async () => {
    const root = await tree({
      'b/story.md': '---\ntitle: From Markdown\n---\nBody.',
      'a.txt': good,
      'c.html': '<html><head><title>From HTML</title></head><body><p>Body.</p></body></html>',
      'd.json': '[{"title": "From JSON"}]',
      'e.jsonl': '{"title": "From JSONL"}\n',
      'f.text': 'From .text',
      'g.markdown': '# From .markdown',
      'h.htm': '<h1>From .htm</h1><p>x</p>',
      'i.ndjson': '{"title": "From NDJSON"}',
      'notes.log': 'not an article extension',
      'photo.jpg': new Uint8Array([0xff, 0xd8, 0]),
    });
    const result = await readArticles([root]);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.articles.map((article) => [article.id, article.title])).toEqual([
      ['a', 'Good article'],
      ['b~story', 'From Markdown'],
      ['c', 'From HTML'],
      ['d~1', 'From JSON'],
      ['e~1', 'From JSONL'],
      ['f', 'From .text'],
      ['g', 'From .markdown'],
      ['h', 'From .htm'],
      ['i~1', 'From NDJSON'],
    ]);
  });

  it('reads a file named directly whatever its extension, as plain text, with an id from its name', async () => {
    const root = await tree({ 'notes.log': 'Log title\n\nLog body.' });
    const result = await readArticles([join(root, 'notes.log')]);
    expect(result.articles).toEqual([{ id: 'notes', title: 'Log title', body: 'Log body.', tags: [] }]);
  });

  it('gives ids that are stable across runs and safe in a URL', async () => {
    const root = await tree({
      'World News/Kim & Putin (1).txt': good,
      'world/ünïcode.md': '# Title',
      'feed.jsonl': '{"id": "a b/c?d", "title": "x"}\n{"title": "y"}\n',
    });
    const first = await readArticles([root]);
    const second = await readArticles([root]);
    const ids = first.articles.map((article) => article.id);
    expect(ids).toEqual(second.articles.map((article) => article.id));
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_~-]+$/);
  });

  it('reports progress: the total once walked, then each file', async () => {
    const root = await tree({ 'a.txt': good, 'b.txt': '', 'c.jsonl': '{"title": "x"}\n{"title": "y"}\n' });
    const calls: Array<[number, number]> = [];
    await readArticles([root], { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('names paths as the user wrote them, joined with the path under the folder', async () => {
    const root = await tree({ 'sub/empty.txt': '' });
    const result = await readArticles([join(root, 'sub', '.', '')]);
    expect(result.problems).toEqual([{ path: join(root, 'sub', 'empty.txt'), reason: 'file is empty' }]);
  });
});

describe('readArticles: bad input is a problem, and the other articles still come', () => {
  it('reports empty, whitespace-only, binary and invalid UTF-8 files', async () => {
    const root = await tree({
      'a-empty.txt': '',
      'b-blank.md': '  \n\n\t\n',
      'c-binary.txt': new Uint8Array([0x48, 0x69, 0x00, 0x01, 0x02]),
      'd-latin1.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a, 0x62, 0x6f, 0x64, 0x79]),
      'e-good.txt': good,
    });
    const result = await readArticles([root]);
    expect(result.problems).toEqual([
      { path: join(root, 'a-empty.txt'), reason: 'file is empty' },
      { path: join(root, 'b-blank.md'), reason: 'file is empty' },
      { path: join(root, 'c-binary.txt'), reason: 'binary file' },
      { path: join(root, 'd-latin1.txt'), reason: 'not valid UTF-8' },
    ]);
    expect(titles(result)).toEqual(['Good article']);
  });

  it('strips a byte-order mark and CRLF line ends', async () => {
    const root = await tree({ 'bom.txt': '\uFEFFTitle\r\nby Wire\r\n\r\nBody one.\r\n\r\nBody two.\r\n' });
    const result = await readArticles([root]);
    expect(result.articles).toEqual([{ id: 'bom', title: 'Title', source: 'Wire', body: 'Body one.\n\nBody two.', tags: [] }]);
  });

  it('reports a file over the size limit (overridden small here; 20 MB by default)', async () => {
    expect(MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
    const root = await tree({ 'big.txt': `Big\n\n${'x'.repeat(200)}`, 'small.txt': 'Small' });
    const result = await readArticles([root], { maxFileBytes: 100 });
    expect(result.problems).toEqual([{ path: join(root, 'big.txt'), reason: 'file is larger than 100 bytes' }]);
    expect(titles(result)).toEqual(['Small']);
  });

  it('reports a broken Markdown front matter and a page without text', async () => {
    const root = await tree({
      'a.md': '---\ntitle: [unclosed\n---\nBody',
      'b.html': '<html><body><nav>Only a menu</nav></body></html>',
      'c.txt': good,
    });
    const result = await readArticles([root]);
    expect(result.problems).toEqual([
      { path: join(root, 'a.md'), reason: expect.stringMatching(/^front matter is not valid YAML/) },
      { path: join(root, 'b.html'), reason: 'no article text found' },
    ]);
    expect(titles(result)).toEqual(['Good article']);
  });

  it('reports a missing path as "no such file or folder" and reads the others', async () => {
    const root = await tree({ 'a.txt': good });
    const missing = join(root, 'no-such-folder');
    const result = await readArticles([missing, root]);
    expect(result.problems).toEqual([{ path: missing, reason: 'no such file or folder' }]);
    expect(titles(result)).toEqual(['Good article']);
  });

  // Root reads files whatever their mode, so as root the read runs with the effective user id
  // of `nobody` (restored at once): the real EACCES path is tested, nothing is mocked. A worker
  // thread cannot change ids; only there, as root, is the test skipped.
  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot && !isMainThread)('reports an unreadable file and reads the others', async () => {
    const root = await tree({ 'a-secret.txt': good, 'b-open.txt': 'Open\n\nReadable.' });
    await chmod(join(root, 'a-secret.txt'), 0o000);
    await chmod(root, 0o755);
    const result = isRoot ? await asNobody(() => readArticles([root])) : await readArticles([root]);
    expect(result.problems).toEqual([{ path: join(root, 'a-secret.txt'), reason: 'permission denied' }]);
    expect(titles(result)).toEqual(['Open']);
  });

  it('reports a dangling symbolic link named like an article', async () => {
    const root = await tree({ 'a.txt': { link: 'gone.txt' }, 'b.txt': good, 'c.jpg': { link: 'gone.jpg' } });
    const result = await readArticles([root]);
    expect(result.problems).toEqual([{ path: join(root, 'a.txt'), reason: 'broken symbolic link' }]);
    expect(titles(result)).toEqual(['Good article']);
  });

  it('reports a named pipe instead of waiting on it forever', async (context) => {
    const root = await tree({ 'b.txt': good });
    try {
      execFileSync('mkfifo', [join(root, 'a.txt')]);
    } catch {
      context.skip('mkfifo is not available');
    }
    const result = await readArticles([root, join(root, 'a.txt')]);
    expect(result.problems).toEqual([
      { path: join(root, 'a.txt'), reason: 'not a regular file' },
      { path: join(root, 'a.txt'), reason: 'not a regular file or folder' },
    ]);
    expect(titles(result)).toEqual(['Good article']);
  });
});

describe('readArticles: walking folders', () => {
  it('skips hidden files and folders and node_modules without a word', async () => {
    const root = await tree({
      '.git/HEAD.txt': good,
      '.hidden.txt': good,
      '.drafts/a.md': '# Draft',
      'node_modules/pkg/README.md': '# Package',
      'sub/node_modules/x.txt': good,
      'sub/visible.txt': 'Visible',
    });
    const result = await readArticles([root]);
    expect(result.problems).toEqual([]);
    expect(result.articles.map((article) => article.id)).toEqual(['sub~visible']);
  });

  it('reports a file that disappears between the walk and its reading, and reads the others', async () => {
    const root = await tree({ 'a.txt': good, 'gone.txt': good, 'z.txt': good });
    // onProgress(0, total) comes once the walk has listed the files, before any is read.
    const result = await readArticles([root], {
      onProgress: (done) => {
        if (done === 0) unlinkSync(join(root, 'gone.txt'));
      },
    });
    expect(result.articles).toHaveLength(2);
    expect(result.problems).toEqual([{ path: join(root, 'gone.txt'), reason: expect.stringMatching(/no such file/) }]);
  });

  it('ends a symbolic link loop and reports it', async () => {
    const root = await tree({
      'a/story.txt': 'Story',
      'a/back-to-root': { link: '..' },
      'a/self': { link: '.' },
      'x.txt': { link: 'y.txt' },
      'y.txt': { link: 'x.txt' },
    });
    const result = await readArticles([root]);
    expect(result.problems).toEqual([
      { path: join(root, 'a', 'back-to-root'), reason: 'symbolic link loop' },
      { path: join(root, 'a', 'self'), reason: 'symbolic link loop' },
      { path: join(root, 'x.txt'), reason: 'symbolic link loop' },
      { path: join(root, 'y.txt'), reason: 'symbolic link loop' },
    ]);
    expect(titles(result)).toEqual(['Story']);
  });

  it('does not follow a symbolic link out of the folder, and follows one that stays inside', async () => {
    const base = await tree({
      'outside/secret.txt': 'Secret',
      'root/leak.txt': { link: '../outside/secret.txt' },
      'root/leak-folder': { link: '../outside' },
      'root/real/story.txt': 'Story',
      'root/shortcut.txt': { link: 'real/story.txt' },
      'root/z-alias': { link: 'real' },
    });
    const root = join(base, 'root');
    const result = await readArticles([root]);
    expect(result.problems).toEqual([
      { path: join(root, 'leak-folder'), reason: 'symbolic link points outside the folder' },
      { path: join(root, 'leak.txt'), reason: 'symbolic link points outside the folder' },
      { path: join(root, 'shortcut.txt'), reason: `same file as ${join(root, 'real', 'story.txt')}` },
      { path: join(root, 'z-alias'), reason: `same folder as ${join(root, 'real')}` },
    ]);
    expect(result.articles.map((article) => article.id)).toEqual(['real~story']);
  });

  it('follows a link to a file inside the folder when it is the only way there', async () => {
    const base = await tree({ 'root/.store/story.txt': 'Stored', 'root/link.txt': { link: '.store/story.txt' } });
    const result = await readArticles([join(base, 'root')]);
    expect(result.problems).toEqual([]);
    expect(result.articles).toEqual([{ id: 'link', title: 'Stored', body: '', tags: [] }]);
  });
});

describe('duplicate ids', () => {
  it('keeps the later article in the earlier one’s place, with a warning and a problem naming both', async () => {
    const root = await tree({
      'a.md': '---\nid: same\ntitle: Earlier\n---\nFirst.',
      'b.txt': 'Between',
      'c.jsonl': '{"title": "Other"}\n{"id": "same", "title": "Later"}\n',
    });
    const result = await readArticles([root]);
    expect(result.articles.map((article) => [article.id, article.title])).toEqual([
      ['same', 'Later'],
      ['b', 'Between'],
      ['c~1', 'Other'],
    ]);
    const earlier = join(root, 'a.md');
    const later = `${join(root, 'c.jsonl')}:2`;
    expect(result.warnings).toEqual([`duplicate id same: ${later} replaces ${earlier}`]);
    expect(result.problems).toEqual([{ path: earlier, reason: `replaced by ${later} (same id same)` }]);
  });

  it('streams both articles, with the problem for the earlier just before the later', async () => {
    const root = await tree({ 'a.jsonl': '{"id": "x", "title": "One"}\n{"id": "x", "title": "Two"}\n' });
    const path = join(root, 'a.jsonl');
    const items = [];
    for await (const item of streamArticles([root])) items.push(item);
    expect(items).toEqual([
      { kind: 'article', path, location: `${path}:1`, article: { id: 'x', title: 'One', body: '', tags: [] } },
      { kind: 'problem', path: `${path}:1`, reason: `replaced by ${path}:2 (same id x)` },
      { kind: 'article', path, location: `${path}:2`, article: { id: 'x', title: 'Two', body: '', tags: [] } },
    ]);
  });
});

/** Runs `read` with the effective user id of `nobody`, so file modes apply to it. */
async function asNobody<T>(read: () => Promise<T>): Promise<T> {
  process.seteuid?.(65534);
  try {
    return await read();
  } finally {
    process.seteuid?.(0);
  }
}

describe('paths given twice', () => {
  it('reads a folder once even when it is named twice', async () => {
    const root = await tree({ 'a.txt': good });
    const result = await readArticles([root, root]);
    expect(result.problems).toEqual([{ path: root, reason: `same folder as ${root}` }]);
    expect(titles(result)).toEqual(['Good article']);
  });
});
