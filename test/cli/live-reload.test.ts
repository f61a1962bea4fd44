import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.ts';
import { LiveLibrary } from '../../src/cli/live-library.ts';
import { buildIndex } from '../../src/index/article-index.ts';
import { loadSnapshot, saveSnapshot } from '../../src/index/snapshot.ts';
import { openLibrary } from '../../src/query/create-library.ts';
import { startServer } from '../../src/server/start-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const articles = (count: number, word = 'harbour'): Article[] =>
  Array.from({ length: count }, (_, i) => ({ id: `a${i}`, title: `Report ${i} on the ${word}`, body: `The ${word} story number ${i}.`, tags: [] }));

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'broadsheet-live-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('live reload', () => {
  it('swaps to a new snapshot, and keeps the old one when the new one is broken', async () => {
    const path = join(folder, 'swap.broadsheet');
    await saveSnapshot(buildIndex(articles(3)), path);
    const log: string[] = [];
    const live = await LiveLibrary.from(path, await openLibrary(path), (line) => log.push(line));
    await saveSnapshot(buildIndex(articles(5)), path);
    await live.reload();
    expect(live.current.stats().documents).toBe(5);
    // A broken file put in place atomically, as a failing writer might.
    await writeFile(`${path}.broken`, 'not an index');
    await rename(`${path}.broken`, path);
    await live.reload();
    expect(live.current.stats().documents).toBe(5);
    expect(log.at(-1)).toMatch(/kept the index in use: The index .* is not a Broadsheet index/);
    live.stop();
  });

  it('answers every request while snapshots are swapped under it', async () => {
    const path = join(folder, 'busy.broadsheet');
    await saveSnapshot(buildIndex(articles(50)), path);
    const live = await LiveLibrary.from(path, await openLibrary(path), () => {});
    const server = await startServer({ getLibrary: () => live.current, port: 0, host: '127.0.0.1' });
    const statuses: number[] = [];
    let swapping = true;
    const swaps = (async () => {
      for (let round = 1; round <= 6; round++) {
        await saveSnapshot(buildIndex(articles(50 + round, round % 2 ? 'harbour' : 'ferry')), path);
        await live.reload();
      }
      swapping = false;
    })();
    const clients = Array.from({ length: 8 }, async () => {
      while (swapping) {
        const response = await fetch(`${server.url}/api/search?q=story`);
        statuses.push(response.status);
        await response.arrayBuffer();
      }
    });
    await Promise.all([swaps, ...clients]);
    await server.close();
    live.stop();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(live.current.stats().documents).toBe(56);
  }, 30_000);

  it('leaves the previous snapshot usable when the indexer is killed mid-write', async () => {
    const path = join(folder, 'killed.broadsheet');
    await saveSnapshot(buildIndex(articles(10)), path);
    // A child writes a much bigger snapshot to the same path and is killed once its temporary file exists.
    // Its flush never completes (and a timer keeps it alive), so it is always killed mid-write:
    // polling for the file raced a writer that finished within milliseconds.
    const script = `
      import { open } from 'node:fs/promises';
      import { buildIndex } from ${JSON.stringify(join(ROOT, 'src/index/article-index.ts'))};
      import { saveSnapshot } from ${JSON.stringify(join(ROOT, 'src/index/snapshot.ts'))};
      const probe = await open(${JSON.stringify(path)}, 'r');
      Object.getPrototypeOf(probe).sync = () => new Promise(() => setInterval(() => {}, 60_000));
      await probe.close();
      const articles = Array.from({ length: 20000 }, (_, i) => ({ id: 'b' + i, title: 'Big ' + i, body: ('word' + (i % 5000) + ' ').repeat(60), tags: [] }));
      await saveSnapshot(buildIndex(articles), ${JSON.stringify(path)});
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let killed = false;
    while (!killed) {
      const temporary = (await readdir(folder)).some((name) => name.startsWith('killed.broadsheet.') && name.endsWith('.tmp'));
      if (temporary) {
        child.kill('SIGKILL');
        killed = true;
      } else if (child.exitCode !== null) {
        throw new Error('the writer finished before it could be killed');
      } else {
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await exited;
    expect((await loadSnapshot(path)).size).toBe(10);
  }, 60_000);

  it('re-indexes watched folders and swaps, with `serve --watch`', async () => {
    const articlesFolder = join(folder, 'watched');
    await mkdir(articlesFolder, { recursive: true });
    await writeFile(join(articlesFolder, 'one.txt'), 'First story\n\nThe harbour reopened.\n');
    const index = join(folder, 'watched.broadsheet');
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/broadsheet.js'), 'serve', '--index', index, '--build-from', articlesFolder, '--watch', articlesFolder, '--port', '0', '--host', '127.0.0.1'],
      { cwd: folder },
    );
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /on (http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('close', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const documents = async () => ((await (await fetch(`${url}/healthz`)).json()) as { documents: number }).documents;
    expect(await documents()).toBe(1);
    await writeFile(join(articlesFolder, 'two.txt'), 'Second story\n\nThe ferry returned.\n');
    while ((await documents()) !== 2) await new Promise((resolve) => setTimeout(resolve, 50));
    const health = (await (await fetch(`${url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', documents: 2 });
    expect(typeof health.snapshot).toBe('string');
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('close', resolve));
  }, 60_000);
});
