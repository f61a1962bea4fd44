import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode, type Finished } from '../run-node.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/broadsheet.js');

/** Runs the real `broadsheet` binary, as a user would, in `cwd`. */
function broadsheet(args: string[], cwd: string): Promise<Finished> {
  return runNode([BIN, ...args], cwd, { ...process.env, DEBUG: '' });
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'broadsheet-cli-'));
  await mkdir(join(work, 'articles/world'), { recursive: true });
  await cp(join(ROOT, 'test/fixtures/ingest/seed-sample.txt'), join(work, 'articles/world/kim-putin.txt'));
  await writeFile(
    join(work, 'articles/budget.md'),
    '---\ntitle: Parliament passes the budget\ndate: 2021-03-02\nsource: Daily Ledger\ntags: [budget]\n---\nThe parliament passed the budget. Putin was not mentioned.\n',
  );
  await writeFile(join(work, 'articles/empty.txt'), '');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('broadsheet CLI', () => {
  it('prints help for the program and for each command', async () => {
    const top = await broadsheet(['--help'], work);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Commands:[\s\S]*index[\s\S]*parse[\s\S]*search[\s\S]*serve/);
    for (const command of ['index', 'parse', 'search', 'serve', 'eval']) {
      const help = await broadsheet([command, '--help'], work);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: broadsheet ${command}`);
    }
  });

  it('exits 2 with one clear sentence for usage errors', async () => {
    const unknownFlag = await broadsheet(['index', '--nope'], work);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toBe('broadsheet: Unknown flag --nope for `broadsheet index`; see `broadsheet index --help`.\n');
    const missing = await broadsheet(['search'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs a QUERY/);
    const badValue = await broadsheet(['search', 'x', '--limit', 'lots'], work);
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toMatch(/--limit must be a whole number/);
    const unknownCommand = await broadsheet(['frobnicate'], work);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('exits 1 naming the path when the index is missing', async () => {
    const run = await broadsheet(['search', 'putin', '--index', 'nowhere/index.broadsheet'], work);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('broadsheet: The index nowhere/index.broadsheet does not exist; rebuild it with `broadsheet index`.\n');
    expect(run.stderr).not.toMatch(/at .*\.ts/);
  });

  it('exits 1 when nothing can be indexed, leaving no index', async () => {
    const run = await broadsheet(['index', 'articles/empty.txt', '--out', 'none.broadsheet'], work);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('skipped articles/empty.txt: file is empty');
    expect(run.stderr).toMatch(/No article could be read/);
  });

  it('parses files into JSON lines, with failures as {path, error}', async () => {
    const run = await broadsheet(['parse', 'articles', '--json'], work);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual({ path: 'articles/empty.txt', error: 'file is empty' });
    const seed = lines.find((line) => line.path === 'articles/world/kim-putin.txt');
    expect(seed).toMatchObject({ id: 'world~kim-putin', source: 'time news', date: '2023-09-13T16:43:04', tags: ['Kim', 'Jong', 'Putin', 'toast', 'strengthened', 'cooperation'] });
  });

  describe('index then search', () => {
    beforeAll(async () => {
      const run = await broadsheet(['index', 'articles', '--out', 'data/test.broadsheet', '--json'], work);
      expect(run.code).toBe(0);
    });

    it('indexes, reports the summary as JSON and lists skipped files on stderr', async () => {
      const run = await broadsheet(['index', 'articles', '--out', 'data/test.broadsheet', '--json'], work);
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(summary).toMatchObject({ documents: 2, skipped: [{ path: 'articles/empty.txt', reason: 'file is empty' }] });
      expect(summary.terms).toBeGreaterThan(50);
      expect(summary.bytes).toBeGreaterThan(100);
      expect(typeof summary.ms).toBe('number');
      expect(run.stderr).toContain('skipped articles/empty.txt: file is empty');
    });

    it('prints ranked results for a person', async () => {
      const run = await broadsheet(['search', 'putin', '--index', 'data/test.broadsheet'], work);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^1-2 of 2 for "putin"/);
      expect(run.stdout.indexOf('Kim Jong Un and Putin toast')).toBeLessThan(run.stdout.indexOf('Parliament passes the budget'));
      expect(run.stdout).toContain('2023-09-13 · time news');
    });

    it('prints the /api/search object with --json', async () => {
      const run = await broadsheet(['search', 'putin', '--index', 'data/test.broadsheet', '--json', '--limit', '1'], work);
      expect(run.code).toBe(0);
      const body = JSON.parse(run.stdout) as { query: string; total: number; limit: number; hits: { id: string; snippet: string }[]; facets: unknown };
      expect(body).toMatchObject({ query: 'putin', total: 2, offset: 0, limit: 1 });
      expect(body.hits[0]!.id).toBe('world~kim-putin');
      expect(body.hits[0]!.snippet).toContain('<mark>Putin</mark>');
      expect(Object.keys(body.facets as object).sort()).toEqual(['source', 'tags', 'year']);
    });

    it('says when an index file is corrupt', async () => {
      await writeFile(join(work, 'data/corrupt.broadsheet'), 'not an index');
      const run = await broadsheet(['search', 'putin', '--index', 'data/corrupt.broadsheet'], work);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('broadsheet: The index data/corrupt.broadsheet is not a Broadsheet index; rebuild it with `broadsheet index`.\n');
    });
  });

  it('serves an index, answers, and stops cleanly on SIGTERM', async () => {
    const built = await broadsheet(['index', 'articles', '--out', 'data/serve.broadsheet'], work);
    expect(built.code).toBe(0);
    const child = spawn(process.execPath, [BIN, 'serve', '--index', 'data/serve.broadsheet', '--port', '0', '--host', '127.0.0.1'], { cwd: work });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /serving 2 articles on (http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('close', (code) => reject(new Error(`serve exited with ${code}: ${stdout}`)));
    });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string; documents: number };
    expect(health).toMatchObject({ status: 'ok', documents: 2 });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses malformed --auth and warns when serving beyond loopback without it', async () => {
    const bad = await broadsheet(['serve', '--index', 'data/serve.broadsheet', '--auth', 'nocolon'], work);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^broadsheet: --auth: Credentials must be written user:password/);
    const child = spawn(process.execPath, [BIN, 'serve', '--index', 'data/serve.broadsheet', '--port', '0', '--host', '0.0.0.0'], { cwd: work });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => resolve());
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    expect(stderr).toContain('warning: serving on 0.0.0.0 without --auth');
    const exited = new Promise((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  it('indexes the bundled seeds by default and finds the seed article first for "putin"', async () => {
    const out = join(work, 'seeds.broadsheet');
    const index = await broadsheet(['index', '--json', '--out', out], ROOT);
    expect(index.code).toBe(0);
    expect((JSON.parse(index.stdout) as { documents: number }).documents).toBeGreaterThan(200);
    const search = await broadsheet(['search', 'putin', '--json', '--index', out], ROOT);
    expect((JSON.parse(search.stdout) as { hits: { id: string }[] }).hits[0]!.id).toBe('000_76138aab5eaa76d3');
  }, 60_000);
});
