import { request as httpRequest, Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start-server.ts';
import { library } from './helpers.ts';

function get(url: string, agent?: Agent): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startServer', () => {
  it('listens on a free port, serves the app, logs requests and closes with keep-alive connections open', async () => {
    const lines: string[] = [];
    const server = await startServer({ getLibrary: () => library, port: 0, host: '127.0.0.1', log: (line) => lines.push(line) });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const agent = new Agent({ keepAlive: true });
    const health = await get(`${server.url}/healthz`, agent);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', documents: 14 });
    expect((await get(`${server.url}/search?q=ferry`, agent)).body).toContain('timetable adds evening sailings');
    expect(lines).toEqual([expect.stringMatching(/^GET \/healthz 200 \d+ms$/), expect.stringMatching(/^GET \/search\?q=ferry 200 \d+ms$/)]);

    // The kept-alive socket must not hold the server open.
    await server.close();
    await expect(get(`${server.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });

  it('lets a request in flight finish before close resolves', async () => {
    let closing: Promise<void> | undefined;
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    server = await startServer({
      // Close while this very request is being handled.
      getLibrary: () => {
        closing ??= server!.close();
        return library;
      },
      port: 0,
      host: '127.0.0.1',
    });
    const agent = new Agent({ keepAlive: true });
    const answer = await get(`${server.url}/healthz`, agent);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'ok', documents: 14 });
    // It was told the connection ends, rather than being kept alive.
    expect(answer.connection).toBe('close');
    expect(closing).toBeDefined();
    await closing;
    await expect(get(`${server.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });

  it('rejects when the port is taken', async () => {
    const first = await startServer({ getLibrary: () => library, port: 0, host: '127.0.0.1' });
    const port = Number(new URL(first.url).port);
    await expect(startServer({ getLibrary: () => library, port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});
