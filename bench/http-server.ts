import { openLibrary } from '../src/query/create-library.ts';
import { startServer } from '../src/server/start-server.ts';
import { progress } from './measure.ts';

/**
 * The server under load: the real `startServer` (no request log, as a quiet production server)
 * over the snapshot, in a process of its own. Prints `LISTENING <url>` on stdout when ready and
 * stops on SIGTERM.
 */
export async function serverPhase(args: { snapshot: string }): Promise<void> {
  const library = await openLibrary(args.snapshot);
  const server = await startServer({ getLibrary: () => library, port: 0, host: '127.0.0.1' });
  progress(`server: ${library.stats().documents} articles on ${server.url}`);
  process.stdout.write(`LISTENING ${server.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => void server.close().then(resolve));
  });
}
