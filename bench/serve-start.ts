import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, stopChild, waitForLine } from './spawn-child.ts';

export interface ServeStartResult {
  /** From spawning `broadsheet serve` to the line saying where it serves. */
  listeningMs: number;
  /** From spawning it to the first `/api/search` answer, body read. */
  firstAnswerMs: number;
  /** The first answer's `took_ms`: the search alone, in the server. */
  firstSearchTookMs: number;
}

/**
 * What a user waits for after `broadsheet serve`: the real CLI, started as a user would
 * (`node bin/broadsheet.js serve --index FILE --port 0 --host 127.0.0.1`, Node's default flags),
 * until it answers its first search.
 */
export async function measureServeStart(snapshot: string, q: string, timeoutMs: number): Promise<ServeStartResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/broadsheet.js'), 'serve', '--index', snapshot, '--port', '0', '--host', '127.0.0.1'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '', HOST: '' },
  });
  try {
    const { match } = await waitForLine(child, /\bon (http:\/\/\S+)/, timeoutMs, 'broadsheet serve');
    const listeningMs = performance.now() - started;
    const response = await fetch(`${match[1]!}/api/search?${new URLSearchParams({ q })}`);
    const body = (await response.json()) as { took_ms?: number };
    const firstAnswerMs = performance.now() - started;
    if (response.status !== 200) throw new Error(`the first /api/search answered ${response.status}`);
    return { listeningMs, firstAnswerMs, firstSearchTookMs: Number(body.took_ms) };
  } finally {
    await stopChild(child);
  }
}
