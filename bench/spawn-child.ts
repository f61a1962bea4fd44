import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('child.ts', import.meta.url));

/** The Node flags of every measuring child. */
export function childNodeArgs(heapMb: number): string[] {
  return ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${heapMb}`, '--max-semi-space-size=64'];
}

/** A child that failed: its exit and the last lines it wrote on stderr, to report as the phase's error. */
export class ChildFailure extends Error {
  override name = 'ChildFailure';
}

let sequence = 0;

/**
 * Runs one phase in a fresh Node process and returns its JSON result. The child's stderr
 * (progress lines) is passed through, indented; its last lines name the failure when it dies
 * (a heap limit, an invalid string length).
 */
export async function runChild<T>(phase: string, args: Record<string, unknown>, options: { heapMb: number; workDir: string }): Promise<T> {
  const resultPath = join(options.workDir, `result-${process.pid}-${++sequence}-${phase}.json`);
  const child = spawn(process.execPath, [...childNodeArgs(options.heapMb), CHILD, phase, JSON.stringify({ ...args, resultPath })], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = forwardOutput(child);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, signal) => resolve(exitCode ?? (signal === null ? null : -1)));
  });
  try {
    if (code !== 0) throw new ChildFailure(`${phase} exited with code ${code}: ${summarizeTail(tail())}`);
    return JSON.parse(await readFile(resultPath, 'utf8')) as T;
  } finally {
    await rm(resultPath, { force: true });
  }
}

/** Starts a long-running phase (the HTTP server) and resolves with the process and the first stdout line matching `ready`. */
export function startChild(
  phase: string,
  args: Record<string, unknown>,
  options: { heapMb: number; ready: RegExp; timeoutMs: number },
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [...childNodeArgs(options.heapMb), CHILD, phase, JSON.stringify(args)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return waitForLine(child, options.ready, options.timeoutMs, phase);
}

/** Resolves when a line of the child's stdout matches; rejects when it exits or times out first. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number, what: string): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const tail = forwardOutput(child, (line) => {
    const match = line.match(pattern);
    if (match !== null) finish(() => resolveReady({ child, match }));
  });
  let resolveReady!: (value: { child: ChildProcess; match: RegExpMatchArray }) => void;
  let rejectReady!: (error: Error) => void;
  let done = false;
  const finish = (action: () => void) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    action();
  };
  const timer = setTimeout(() => {
    finish(() => rejectReady(new ChildFailure(`${what} did not get ready in ${timeoutMs / 1000} s: ${summarizeTail(tail())}`)));
    child.kill('SIGKILL');
  }, timeoutMs);
  child.once('error', (error) => finish(() => rejectReady(error)));
  child.once('close', (code) => finish(() => rejectReady(new ChildFailure(`${what} exited with code ${code} before it was ready: ${summarizeTail(tail())}`))));
  return new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
}

/** Stops a child with SIGTERM (SIGKILL after `graceMs`) and waits for it to exit. */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Passes the child's stderr through to ours (indented) and stdout lines to `onStdoutLine`;
 * returns a function giving the last lines of stderr.
 */
function forwardOutput(child: ChildProcess, onStdoutLine?: (line: string) => void): () => string[] {
  const lines: string[] = [];
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      process.stderr.write(`  ${line}\n`);
      lines.push(line);
      if (lines.length > 40) lines.shift();
    }
  });
  child.stderr?.on('end', () => {
    if (partial !== '') lines.push(partial);
  });
  let stdoutPartial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = stdoutPartial + chunk.toString();
    const parts = text.split('\n');
    stdoutPartial = parts.pop() ?? '';
    for (const line of parts) onStdoutLine?.(line);
  });
  return () => [...lines];
}

/** The line that says why a child died: V8's fatal error, an exception, or the last line. */
function summarizeTail(lines: string[]): string {
  const meaningful = lines.map((line) => line.trim()).filter((line) => line !== '');
  const fatal = meaningful.find((line) => /FATAL ERROR|heap out of memory|Invalid string length|Invalid array length|failed:/i.test(line));
  return fatal ?? meaningful[meaningful.length - 1] ?? 'no output';
}
