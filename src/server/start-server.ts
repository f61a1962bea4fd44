import type { Server, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import type { Library } from '../library.ts';
import type { Credentials } from './access.ts';
import { createApp, type AppOptions } from './app.ts';
import { takeTurns } from './take-turns.ts';

/** The most bytes of request line and headers Node accepts; past it the answer is 431. */
export const MAX_HEADER_BYTES = 16 * 1024;
/** A client gets this long to send its headers, and the whole request, before it is cut off. */
const HEADERS_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 30_000;

export interface StartServerOptions {
  getLibrary: () => Library;
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** One line per request; see `AppOptions.log`. */
  log?: (line: string) => void;
  /** HTTP Basic auth for every route but `/healthz`; see `AppOptions.auth`. Off when absent. */
  auth?: Credentials;
}

export interface RunningServer {
  /** Where it listens, e.g. `http://localhost:3000`. */
  url: string;
  /** Stops accepting connections, lets requests in flight finish, then resolves. */
  close(): Promise<void>;
}

/**
 * Serves `createApp` on `host:port`, with request headers bounded ({@link MAX_HEADER_BYTES},
 * 431 past it) and bodies by the app (413), requests taking turns (see `takeTurns`). Signal handling belongs to the caller: on SIGTERM it
 * calls `close()`.
 */
export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const appOptions: AppOptions = { getLibrary: options.getLibrary };
  if (options.log !== undefined) appOptions.log = options.log;
  if (options.auth !== undefined) appOptions.auth = options.auth;
  const app = createApp(appOptions);
  const turn = takeTurns();
  const fetch = async (request: Request): Promise<Response> => {
    await turn();
    return app.fetch(request);
  };
  return new Promise((resolve, reject) => {
    const inFlight = new Set<ServerResponse>();
    let closing = false;
    const serverOptions = { maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS };
    const server = serve({ fetch, port: options.port, hostname: options.host, serverOptions }, (info) => {
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
