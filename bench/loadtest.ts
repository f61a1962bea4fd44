/**
 * `npm run loadtest`: the real server, on a loopback port, over a generated archive (100k
 * articles by default), driven for 60 s by 64 clients from a separate process with a mix of
 * what people do: typing a word letter by letter (results fragments), full searches, filtered
 * searches, the JSON API and article pages. Halfway through, a new snapshot replaces the served
 * one the way `broadsheet index` writes it (a rename), and the server swaps to it. Reports
 * requests/s, latency, failures (which must be 0) and the server's RSS before and after.
 *
 *   npm run loadtest -- [--articles 100000] [--seconds 60] [--clients 64] [--seed 7]
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SNAPSHOT_VERSION } from '../src/index/snapshot.ts';
import { writeSyntheticCorpus } from './generate-corpus.ts';
import { buildQuerySet, toSearchPath } from './query-set.ts';
import { createRandom } from './random.ts';
import { REPO_ROOT, stopChild } from './spawn-child.ts';
import { loadVocabulary } from './vocabulary.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '64' },
    seed: { type: 'string', default: '7' },
  },
});
const articles = Number(values.articles);
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const seed = Number(values.seed);
// Its own folder: the benchmark clears bench/results/work when it starts.
const work = join(REPO_ROOT, 'bench/results/loadtest', `${articles}-${seed}`);
const log = (line: string) => process.stderr.write(`${line}\n`);

await mkdir(work, { recursive: true });
const vocabulary = await loadVocabulary(join(REPO_ROOT, 'seeds'));
// Two versions of the archive: the second has 1% more articles, so the swap is visible in /healthz.
const corpora = { before: join(work, 'before.jsonl'), after: join(work, 'after.jsonl') };
const sizes = { before: articles, after: Math.round(articles * 1.01) };
for (const version of ['before', 'after'] as const) {
  if (await exists(corpora[version])) continue;
  log(`generating ${sizes[version]} articles (${version})`);
  await writeSyntheticCorpus(corpora[version], { articles: sizes[version], seed, vocabulary });
}
// Named by format version, so snapshots of an older format are rebuilt rather than refused.
const snapshots = { before: join(work, `before.v${SNAPSHOT_VERSION}.broadsheet`), after: join(work, `after.v${SNAPSHOT_VERSION}.broadsheet`) };
for (const version of ['before', 'after'] as const) {
  if (await exists(snapshots[version])) continue;
  log(`indexing ${version} with broadsheet index`);
  await run([join(REPO_ROOT, 'bin/broadsheet.js'), 'index', corpora[version], '--out', snapshots[version], '--full']);
}

const served = join(work, 'served.broadsheet');
await copyFile(snapshots.before, served);
// The server logs every request (path, status, ms) to stderr: kept in a file for looking into slow ones.
const serverLog = await open(join(work, 'server.log'), 'w');
const server = spawn(process.execPath, [join(REPO_ROOT, 'bin/broadsheet.js'), 'serve', '--index', served, '--port', '0', '--host', '127.0.0.1'], {
  cwd: work,
  stdio: ['ignore', 'pipe', serverLog.fd],
});
const url = await new Promise<string>((resolve, reject) => {
  let printed = '';
  server.stdout!.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
    const found = /on (http:\/\/\S+)/.exec(printed);
    if (found) resolve(found[1]!);
  });
  server.on('close', (code) => reject(new Error(`broadsheet serve exited with ${code}`)));
});
log(`serving on ${url}`);

const requests = await requestMix(corpora.before);
const rssBefore = await rssOf(server.pid!);
const documentsBefore = await documents(url);
const plan = join(work, 'plan.json');
await writeFile(plan, JSON.stringify({ url, requests, connections: clients, seconds }));
log(`driving ${clients} clients for ${seconds} s over ${requests.length} requests in rotation`);
const driver = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench/loadtest-driver.ts'), plan], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
driver.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
const driven = new Promise<void>((resolve) => driver.on('close', () => resolve()));

// Halfway: the new snapshot arrives as `broadsheet index` delivers one, by rename.
await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 2));
const swapStarted = performance.now();
await copyFile(snapshots.after, `${served}.incoming`);
await rename(`${served}.incoming`, served);
let swapMs = Number.NaN;
// The server polls the file once a second and loads the new index beside the old one while it answers.
while (performance.now() - swapStarted < 120_000) {
  if ((await documents(url)) === sizes.after) {
    swapMs = performance.now() - swapStarted;
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await driven;
const load = JSON.parse(output) as Record<string, number>;
const rssAfter = await rssOf(server.pid!);
const documentsAfter = await documents(url);
await stopChild(server);
await serverLog.close();

const report = {
  date: new Date().toISOString(),
  articles,
  clients,
  seconds,
  load,
  // autocannon counts a timeout among its errors too.
  failed: load.errors! + load.non2xx!,
  swap: { documentsBefore, documentsAfter, seenAfterMs: Math.round(swapMs) },
  rssMb: { before: rssBefore, after: rssAfter },
};
const table = [
  `Load test: ${articles} articles, ${clients} clients for ${seconds} s, a snapshot swap halfway`,
  '',
  '| requests/s | p50 ms | p99 ms | max ms | failed | swap seen after | RSS before → after |',
  '|---:|---:|---:|---:|---:|---:|---:|',
  `| ${load.requestsPerSec!.toFixed(0)} | ${load.p50Ms!.toFixed(1)} | ${load.p99Ms!.toFixed(1)} | ${load.maxMs!.toFixed(0)} | ${report.failed} | ${(swapMs / 1000).toFixed(1)} s (${documentsBefore} → ${documentsAfter} articles) | ${rssBefore} → ${rssAfter} MB |`,
].join('\n');
process.stdout.write(`${table}\n`);
await mkdir(join(REPO_ROOT, 'bench/results'), { recursive: true });
await writeFile(join(REPO_ROOT, 'bench/results/loadtest-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(join(REPO_ROOT, 'bench/results/loadtest-latest.md'), `${table}\n`);
process.exitCode = report.failed === 0 && documentsAfter === sizes.after ? 0 : 1;

/** What people do, in proportion: type, search, filter, read. */
async function requestMix(corpus: string): Promise<{ path: string; headers: Record<string, string> }[]> {
  const set = await buildQuerySet(corpus, seed, 40);
  const random = createRandom(seed);
  const fragment = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' };
  const mix: { path: string; headers: Record<string, string> }[] = [];
  for (const query of [...set.queries.common, ...set.queries.rare, ...set.queries.multi]) {
    // Typing the query letter by letter, as the search box sends it.
    for (let end = 1; end <= query.q.length; end++) mix.push({ path: `/search?q=${encodeURIComponent(query.q.slice(0, end))}`, headers: fragment });
    mix.push({ path: toSearchPath('/search', query), headers: {} });
  }
  for (const query of [...set.queries.filtered, ...set.queries.sorted, ...set.queries.phrase]) mix.push({ path: toSearchPath('/search', query), headers: fragment });
  for (const query of [...set.queries.common, ...set.queries.typo]) mix.push({ path: toSearchPath('/api/search', query), headers: {} });
  for (let i = 0; i < mix.length / 6; i++) {
    mix.push({ path: `/articles/syn-${String(random.int(articles) + 1).padStart(7, '0')}`, headers: {} });
  }
  return random.shuffled(mix);
}

async function documents(base: string): Promise<number> {
  return ((await (await fetch(`${base}/healthz`)).json()) as { documents: number }).documents;
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}
