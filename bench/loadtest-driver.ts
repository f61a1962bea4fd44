/**
 * The load test's client: a process of its own, so the server under test has its CPU to itself
 * in Node's event loop. Reads `{ url, requests, connections, seconds }` from the JSON file named
 * as its argument, runs autocannon, prints one JSON line with the result.
 */
import { readFile } from 'node:fs/promises';
import { autocannon, type AutocannonResult } from './http-load.ts';
import { percentile } from './measure.ts';

interface LoadRequest {
  path: string;
  headers: Record<string, string>;
}

const { url, requests, connections, seconds } = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as {
  url: string;
  requests: LoadRequest[];
  connections: number;
  seconds: number;
};

let next = 0;
const latencies: number[] = [];
const result = await new Promise<AutocannonResult>((resolve, reject) => {
  const instance = autocannon(
    {
      url,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'GET',
          path: requests[0]!.path,
          setupRequest: (request: Record<string, unknown>) => {
            const chosen = requests[next++ % requests.length]!;
            return { ...request, path: chosen.path, headers: { ...(request.headers as object), ...chosen.headers } };
          },
        },
      ],
    },
    (error, done) => (error ? reject(error) : resolve(done)),
  );
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
});
latencies.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    seconds: result.duration,
    completed: result['2xx'],
    requestsPerSec: result['2xx'] / result.duration,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  })}\n`,
);
