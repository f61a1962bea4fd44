import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SnapshotError } from '../index/snapshot.ts';
import type { Library } from '../library.ts';
import { openLibrary } from '../query/create-library.ts';
import { isLoopbackHost, parseAuth, type Credentials } from '../server/access.ts';
import { startServer } from '../server/start-server.ts';
import { readIntegerOption, UsageError, type CommandSpec, type ParsedCommand } from './args.ts';
import type { Command } from './main.ts';
import { LiveLibrary, watchArticles } from './live-library.ts';
import { DEFAULT_INDEX_PATH } from './paths.ts';

const spec: CommandSpec = {
  name: 'serve',
  usage: 'broadsheet serve [--index FILE] [--port N] [--host H] [--build-from PATH...] [--watch PATH...] [--auth USER:PASSWORD]',
  summary:
    'Serves the search pages and the JSON API. PORT, HOST and BROADSHEET_AUTH in the environment work like\n' +
    '--port, --host and --auth. A new snapshot written to the index file (by `broadsheet index` in another\n' +
    'process) is loaded and swapped in without dropping a request. SIGTERM and SIGINT let requests in\n' +
    'flight finish, then stop.',
  positionals: { min: 0, max: 0, name: '' },
  options: {
    index: { type: 'string', value: 'FILE', description: `the index to serve (default ${DEFAULT_INDEX_PATH})` },
    port: { type: 'string', value: 'N', description: 'port to listen on (default $PORT or 3000)' },
    host: { type: 'string', value: 'H', description: 'address to listen on (default $HOST or localhost)' },
    'build-from': {
      type: 'string',
      multiple: true,
      value: 'PATH',
      description: 'first (re)build the index from these files when it is missing, unreadable or older than them',
    },
    watch: { type: 'string', multiple: true, value: 'PATH', description: 're-index these files and folders when they change, and swap' },
    auth: { type: 'string', value: 'USER:PASSWORD', description: 'require HTTP Basic auth on every route but /healthz' },
  },
};

async function run({ values }: ParsedCommand): Promise<number> {
  const indexPath = typeof values.index === 'string' ? values.index : DEFAULT_INDEX_PATH;
  const port = readIntegerOption(values.port ?? process.env.PORT ?? '3000', 'port', 0, 65535) ?? 3000;
  const host = typeof values.host === 'string' ? values.host : (process.env.HOST ?? 'localhost');
  const buildFrom = Array.isArray(values['build-from']) ? values['build-from'].map(String) : [];
  const watched = Array.isArray(values.watch) ? values.watch.map(String) : [];
  const auth = readAuth(typeof values.auth === 'string' ? values.auth : process.env.BROADSHEET_AUTH);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (auth === undefined && !isLoopbackHost(host)) {
    log(`warning: serving on ${host} without --auth: anyone who can reach this address can read the archive.`);
  }

  const library = await openOrBuild(indexPath, buildFrom);
  const live = await LiveLibrary.from(indexPath, library, log);
  live.watch();
  const stopWatching = watched.length === 0 ? () => {} : watchArticles(watched, WATCH_DELAY_MS, () => reindex(watched, indexPath, live, log));
  const server = await startServer({ getLibrary: () => live.current, port, host, log, ...(auth ? { auth } : {}) });
  process.stdout.write(`Broadsheet is serving ${library.stats().documents} articles on ${server.url}\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: finishing requests in flight, then stopping`);
      stopWatching();
      live.stop();
      void server.close().then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

/** Changes are gathered for this long before re-indexing: a copy of many files is one change. */
const WATCH_DELAY_MS = 500;

async function reindex(paths: string[], indexPath: string, live: LiveLibrary, log: (line: string) => void): Promise<void> {
  try {
    const { indexArticles } = await import('./index-command.ts');
    const summary = await indexArticles(paths, indexPath);
    log(`re-indexed ${summary.documents} articles after a change in ${paths.join(', ')}`);
    await live.reload();
  } catch (error) {
    log(`could not re-index after a change: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readAuth(value: string | undefined): Credentials | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return parseAuth(value);
  } catch (error) {
    throw new UsageError(`--auth: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function openOrBuild(indexPath: string, buildFrom: string[]): Promise<Library> {
  if (buildFrom.length === 0) return openLibrary(indexPath);
  let reason = await whyStale(indexPath, buildFrom);
  if (reason === undefined) {
    try {
      return await openLibrary(indexPath);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      reason = 'it cannot be read by this version';
    }
  }
  process.stderr.write(`building ${indexPath}: ${reason}\n`);
  // Imported here: the readers (an HTML parser among them) add a fifth of a second to a start that only serves.
  const { indexArticles } = await import('./index-command.ts');
  const summary = await indexArticles(buildFrom, indexPath, { showProgress: process.stderr.isTTY === true });
  process.stderr.write(`indexed ${summary.documents} articles in ${(summary.ms / 1000).toFixed(1)} s\n`);
  return openLibrary(indexPath);
}

/** Why the index is older than `sources`, or undefined when it is not. */
async function whyStale(indexPath: string, sources: string[]): Promise<string | undefined> {
  let builtAt: number;
  try {
    builtAt = (await stat(indexPath)).mtimeMs;
  } catch {
    return 'it does not exist yet';
  }
  for (const source of sources) {
    if ((await newestChange(source)) > builtAt) return `${source} changed since it was built`;
  }
  return undefined;
}

/** The latest modification time of a file or of anything in a folder (a removal touches the folder). */
async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path, { recursive: true })) {
    newest = Math.max(newest, (await stat(join(path, entry))).mtimeMs);
  }
  return newest;
}

export const serveCommand: Command = { spec, run };
