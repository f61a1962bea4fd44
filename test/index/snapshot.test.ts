import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/article-index.ts';
import { loadSnapshot, saveSnapshot, SnapshotError } from '../../src/index/snapshot.ts';
import { createLibrary } from '../../src/query/create-library.ts';
import { ARTICLES, request } from '../query/fixtures.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'broadsheet-snapshot-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('snapshot', () => {
  it('round-trips: the loaded index answers exactly like the built one', async () => {
    const built = buildIndex(ARTICLES, '2026-01-01T00:00:00.000Z');
    const path = join(folder, 'round-trip.broadsheet');
    const saved = await saveSnapshot(built, path);
    expect(saved.bytes).toBeGreaterThan(0);
    const loaded = await loadSnapshot(path);
    expect(loaded.articles).toEqual(built.articles);
    expect(loaded.builtAt).toBe('2026-01-01T00:00:00.000Z');
    for (const q of ['putin', 'zurich rain', 'spa', '', 'budget zebra']) {
      const a = createLibrary(built).search(request({ q }));
      const b = createLibrary(loaded).search(request({ q }));
      expect({ ...b, tookMs: 0 }).toEqual({ ...a, tookMs: 0 });
    }
    expect(createLibrary(loaded).suggest('kim jo')).toEqual(['kim jong']);
  });

  it('reads article bodies on demand and before its background fill, whole in copies and JSON', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ id: `doc-${i}`, title: `Report ${i}`, body: `Body of report ${i}.`, tags: [] }));
    const path = join(folder, 'bodies.broadsheet');
    await saveSnapshot(buildIndex(many), path);
    const loaded = await loadSnapshot(path);
    expect(loaded.articles[150]!.body).toBe('Body of report 150.');
    expect({ ...loaded.articles[3]! }).toEqual(many[3]);
    expect(JSON.parse(JSON.stringify(loaded.articles[199]))).toEqual(many[199]);
    expect(loaded.articles).toEqual(many);
  });

  it('replaces the file atomically and leaves no temporary files behind', async () => {
    const path = join(folder, 'atomic.broadsheet');
    await saveSnapshot(buildIndex(ARTICLES.slice(0, 2)), path);
    await saveSnapshot(buildIndex(ARTICLES), path);
    expect((await loadSnapshot(path)).size).toBe(ARTICLES.length);
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('spans many term chunks without one giant string', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      id: `doc-${i}`,
      title: `Report ${i}`,
      body: Array.from({ length: 30 }, (_, j) => `word${i * 30 + j}`).join(' '),
      tags: [],
    }));
    const path = join(folder, 'many.broadsheet');
    const saved = await saveSnapshot(buildIndex(many), path);
    expect(saved.terms).toBeGreaterThan(9000);
    const loaded = createLibrary(await loadSnapshot(path));
    expect(loaded.search(request({ q: 'word8999 ' })).hits.map((hit) => hit.id)).toEqual(['doc-299']);
  });

  describe('refuses unusable files with a clear message', () => {
    let good: Buffer;
    beforeAll(async () => {
      const path = join(folder, 'good.broadsheet');
      await saveSnapshot(buildIndex(ARTICLES), path);
      good = await readFile(path);
    });

    const expectRefusal = async (name: string, content: Buffer | string, pattern: RegExp) => {
      const path = join(folder, name);
      await writeFile(path, content);
      const error = await loadSnapshot(path).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SnapshotError);
      expect((error as Error).message).toMatch(pattern);
      expect((error as Error).message).toContain('rebuild it with `broadsheet index`');
      expect((error as Error).message).toContain(path);
    };

    it('a missing file', async () => {
      const error = await loadSnapshot(join(folder, 'missing')).catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(/does not exist/);
    });
    it('a foreign file', () => expectRefusal('foreign', 'hello, world\n', /is not a Broadsheet index/));
    it('a foreign gzip file', () => expectRefusal('foreign.gz', gzipSync('{"some":"json"}\n'), /is not a Broadsheet index/));
    it('a truncated file', () => expectRefusal('truncated', good.subarray(0, Math.floor(good.length / 2)), /cannot be read|truncated/));
    it('a corrupted file', () => {
      const corrupt = Buffer.from(good);
      for (let i = 40; i < corrupt.length - 20; i += 97) corrupt[i] = corrupt[i]! ^ 0xff;
      return expectRefusal('corrupt', corrupt, /cannot be read|damaged/);
    });
    it('one changed byte in the article store, which is read only later', () => {
      const corrupt = Buffer.from(good);
      corrupt[corrupt.length - 10] = corrupt[corrupt.length - 10]! ^ 0x01;
      return expectRefusal('one-byte', corrupt, /checksum/);
    });
    it('a newer format version', () => {
      const header = Buffer.from('{"format":"broadsheet-snapshot","version":99}');
      const length = Buffer.alloc(4);
      length.writeUInt32LE(header.length);
      return expectRefusal('future', Buffer.concat([good.subarray(0, 17), length, header]), /format version 99/);
    });
    it('an index written by an older Broadsheet (format 4, gzip JSON lines)', () =>
      expectRefusal('older', gzipSync('{"format":"broadsheet-snapshot","version":4}\n{}\n'), /format version 4, this Broadsheet reads version 5/));
    it('an empty file', () => expectRefusal('empty', '', /is not a Broadsheet index/));
  });
});
