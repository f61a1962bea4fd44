import { mkdir, mkdtemp, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexArticles } from '../../src/cli/index-command.ts';
import { loadSnapshot } from '../../src/index/snapshot.ts';
import { createLibrary } from '../../src/query/create-library.ts';
import { request } from '../query/fixtures.ts';

let folder: string;
const file = (name: string) => join(folder, 'articles', name);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'broadsheet-incremental-'));
  await mkdir(join(folder, 'articles'));
  await writeFile(file('harbour.txt'), 'Harbour reopens\n\nby Ledger\n\n2021-03-02\n\nThe harbour reopened after the storm.\n');
  await writeFile(file('ferry.txt'), 'Ferry timetable\n\nThe ferry runs twice a day.\n');
  await writeFile(file('tram.md'), '---\ntitle: Tram plan\ndate: 2022-05-01\n---\nThe tram plan returns.\n');
  await writeFile(file('wire.jsonl'), '{"id":"w1","title":"Rates rise","body":"The council raised rates."}\n{"id":"w2","title":"Budget vote","body":"A close budget vote."}\n');
  await writeFile(file('empty.txt'), '');
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('incremental re-indexing', () => {
  it('reads only changed files and ends equal to a full rebuild', async () => {
    const out = join(folder, 'index.broadsheet');
    const first = await indexArticles([join(folder, 'articles')], out);
    expect(first).toMatchObject({ documents: 5, added: 5, updated: 0, removed: 0, unchanged: 0 });

    const again = await indexArticles([join(folder, 'articles')], out);
    expect(again).toMatchObject({ documents: 5, added: 0, updated: 0, removed: 0, unchanged: 5 });
    expect(again.skipped).toEqual(first.skipped);

    await writeFile(file('ferry.txt'), 'Ferry timetable\n\nThe ferry now runs three times a day.\n');
    // Touched but not changed: the content hash says it is the same.
    const later = new Date(Date.now() + 60_000);
    await utimes(file('tram.md'), later, later);
    await unlink(file('harbour.txt'));
    await writeFile(file('bus.txt'), 'Bus strike\n\nThe buses stopped.\n');
    const changed = await indexArticles([join(folder, 'articles')], out);
    expect(changed).toMatchObject({ documents: 5, added: 1, updated: 1, removed: 1, unchanged: 3 });

    const fullOut = join(folder, 'full.broadsheet');
    const full = await indexArticles([join(folder, 'articles')], fullOut, { full: true });
    expect(full).toMatchObject({ documents: 5, added: 5, unchanged: 0 });
    const incremental = await loadSnapshot(out);
    const rebuilt = await loadSnapshot(fullOut);
    expect(incremental.articles).toEqual(rebuilt.articles);
    for (const q of ['ferry', 'three', 'harbour', 'tram', 'bus', 'budget', '']) {
      const a = createLibrary(incremental).search(request({ q }));
      const b = createLibrary(rebuilt).search(request({ q }));
      expect({ ...a, tookMs: 0 }).toEqual({ ...b, tookMs: 0 });
    }
    expect(changed.skipped).toEqual(full.skipped);
  });
});
