import { readFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { measureLatency, percentile, progress } from './measure.ts';
import { QUERY_TYPES, toSearchPath, type QuerySet, type QueryType } from './query-set.ts';
import { createRandom, deriveSeed } from './random.ts';

/**
 * The load generator, a process apart from the server: first each query type alone, one
 * `/search` fragment request at a time over a kept-alive connection, timed to the last byte;
 * then autocannon at each concurrency, every request taking the next query of the whole set
 * (all types, in a seeded order), for the results fragment htmx asks for and for the JSON API.
 */

const WARMUP_PAGES = 5;
export const ROUTES = {
  fragment: { path: '/search', headers: { 'HX-Request': 'true', 'HX-Request-Type': 'partial' } },
  api: { path: '/api/search', headers: {} },
} as const;
export type RouteName = keyof typeof ROUTES;
const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

export interface HttpTypeLatency {
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  samples: number;
  non200: number;
}

export interface HttpLoadLevel {
  connections: number;
  seconds: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  completed: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface HttpResult {
  /** Per query type, `/search` fragments, sequential (one client). */
  perType: Record<QueryType, HttpTypeLatency>;
  /** Mixed queries under load, keyed `c1`, `c16`, ... */
  load: Record<RouteName, Record<string, HttpLoadLevel>>;
}

export interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };

/** autocannon ships no types; these are the parts used here and by the load test. */
export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export async function httpLoadPhase(args: {
  url: string;
  queries: string;
  querySeconds: number;
  httpSeconds: number;
  connections: number[];
  seed: number;
}): Promise<HttpResult> {
  const set = JSON.parse(await readFile(args.queries, 'utf8')) as QuerySet;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  // The warm-up queries (never measured) first, pages 1 to 5 of each (distinct requests, so each
  // is a whole search): the first second of a freshly loaded server (the JIT, the phrase filters
  // being built) would otherwise fall on the first type measured. Start-up is measured on its own.
  for (const route of ROUTE_NAMES) {
    for (const query of set.warmup) {
      for (let page = 1; page <= WARMUP_PAGES; page++) {
        const path = toSearchPath(ROUTES[route].path, query) + (page === 1 ? '' : `&page=${page}`);
        await get(args.url + path, ROUTES[route].headers, agent);
      }
    }
  }
  // Per type, the results fragment a person typing gets; each query new to the server.
  const perType = {} as HttpResult['perType'];
  for (const type of QUERY_TYPES) {
    let non200 = 0;
    const paths = set.queries[type].map((query) => toSearchPath(ROUTES.fragment.path, query));
    const summary = await measureLatency(
      paths,
      async (path) => {
        const status = await get(args.url + path, ROUTES.fragment.headers, agent);
        if (status !== 200) non200 += 1;
        return 0;
      },
      { seconds: args.querySeconds },
    );
    const { medianMatches: _, ...latency } = summary;
    perType[type] = { ...latency, non200 };
    progress(`  http fragment ${type.padEnd(8)} p50 ${summary.p50Ms.toFixed(2)} ms, p99 ${summary.p99Ms.toFixed(2)} ms (${summary.samples} samples)`);
  }
  agent.destroy();

  const mixed = createRandom(deriveSeed(args.seed, 'http-mix')).shuffled(QUERY_TYPES.flatMap((type) => set.queries[type]));
  const load = {} as HttpResult['load'];
  for (const route of ROUTE_NAMES) {
    load[route] = {};
    const paths = mixed.map((query) => toSearchPath(ROUTES[route].path, query));
    for (const connections of args.connections) {
      await settle(args.url);
      const level = await runAutocannon(args.url, paths, ROUTES[route].headers, connections, args.httpSeconds);
      load[route][`c${connections}`] = level;
      progress(
        `  autocannon ${route.padEnd(8)} ${String(connections).padStart(3)} clients: ${level.requestsPerSec.toFixed(1)} req/s, ` +
          `p50 ${level.p50Ms.toFixed(1)} ms, p99 ${level.p99Ms.toFixed(1)} ms, ${level.errors + level.timeouts + level.non2xx} failed`,
      );
    }
  }
  await settle(args.url);
  return { perType, load };
}

function runAutocannon(url: string, paths: string[], headers: Record<string, string>, connections: number, seconds: number): Promise<HttpLoadLevel> {
  return new Promise((resolve, reject) => {
    let next = 0;
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers,
        requests: [
          {
            method: 'GET',
            path: paths[0],
            setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths[next++ % paths.length] }),
          },
        ],
      },
      (error, result) => {
        if (error !== null) return reject(error);
        const sorted = latencies.sort((a, b) => a - b);
        resolve({
          connections,
          seconds: result.duration,
          requestsPerSec: result['2xx'] / result.duration,
          p50Ms: percentile(sorted, 50),
          p99Ms: percentile(sorted, 99),
          maxMs: sorted[sorted.length - 1] ?? Number.NaN,
          completed: result['2xx'],
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    // autocannon's own histogram keeps whole milliseconds; these are exact.
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

function get(url: string, headers: Record<string, string>, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { agent, headers }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * Waits until the server is idle again (a health check answered in under 20 ms twice in a row):
 * after many clients, it may still be working through requests whose clients have gone.
 */
async function settle(url: string): Promise<void> {
  const agent = new Agent({ keepAlive: false });
  const deadline = Date.now() + 120_000;
  let quick = 0;
  try {
    while (quick < 2 && Date.now() < deadline) {
      const start = performance.now();
      try {
        await get(`${url}/healthz`, {}, agent);
        quick = performance.now() - start < 20 ? quick + 1 : 0;
      } catch {
        quick = 0;
      }
      if (quick < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    agent.destroy();
  }
}
