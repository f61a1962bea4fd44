import type { Server, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import type { Library } from '../library.ts';
import { createApp } from './app.ts';

export interface StartServerOptions {
  getLibrary: () => Library;
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** One line per request; see `AppOptions.log`. */
  log?: (line: string) => void;
}

export interface RunningServer {
  /** Where it listens, e.g. `http://localhost:3000`. */
  url: string;
  /** Stops accepting connections, lets requests in flight finish, then resolves. */
  close(): Promise<void>;
}

/**
 * Serves `createApp` on `host:port`. Signal handling belongs to the caller: on SIGTERM it
 * calls `close()`.
 */
export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = createApp(options.log === undefined ? { getLibrary: options.getLibrary } : { getLibrary: options.getLibrary, log: options.log });
  return new Promise((resolve, reject) => {
    const inFlight = new Set<ServerResponse>();
    let closing = false;
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      server.off('error', reject);
      resolve({ url: `http://${displayHost(options.host)}:${info.port}`, close });
    }) as Server;
    server.once('error', reject);

    server.on('request', (_request, response: ServerResponse) => {
      inFlight.add(response);
      // While closing, answer requests still arriving on open keep-alive connections, then hang up.
      if (closing) response.setHeader('Connection', 'close');
      response.once('close', () => {
        inFlight.delete(response);
        // The connection is idle once its response is done: close it rather than keep it alive.
        if (closing) setImmediate(() => server.closeIdleConnections());
      });
    });

    let closed: Promise<void> | undefined;
    function close(): Promise<void> {
      closed ??= new Promise<void>((done, fail) => {
        closing = true;
        for (const response of inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
        // Stops accepting; on Node 20 this also closes idle keep-alive connections at once.
        server.close((error) => (error === undefined ? done() : fail(error)));
        server.closeIdleConnections();
      });
      return closed;
    }
  });
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
