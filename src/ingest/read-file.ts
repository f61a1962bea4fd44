import { open } from 'node:fs/promises';
import { describeError } from './describe-error.ts';

/** Largest file that holds one article (text, Markdown, HTML): 20 MB, as the contract says. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** How many leading bytes are checked for NUL, the mark of a binary file (as git and grep do). */
export const BINARY_SNIFF_BYTES = 8192;

/** The text of a one-article file, or why there is none (`file is empty`, `binary file`, ...). */
export type ReadTextResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Reads a one-article file as text, or says in a few words why it cannot: too large, empty,
 * binary, not UTF-8, or not readable. Strips a byte-order mark and turns CRLF into LF.
 */
export async function readArticleText(path: string, maxFileBytes = MAX_FILE_BYTES): Promise<ReadTextResult> {
  let bytes: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxFileBytes) return tooLarge(maxFileBytes);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxFileBytes) return tooLarge(maxFileBytes);
  return decodeArticleBytes(bytes);
}

/** The checks of {@link readArticleText} that need only the bytes: empty, binary, UTF-8, BOM, CRLF. */
export function decodeArticleBytes(bytes: Uint8Array): ReadTextResult {
  if (isBinary(bytes)) return { ok: false, reason: 'binary file' };
  let text: string;
  try {
    // `fatal` makes a bad byte an error instead of a silent U+FFFD in the index.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.trim() === '') return { ok: false, reason: 'file is empty' };
  return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}

/** True when the first {@link BINARY_SNIFF_BYTES} bytes hold a NUL. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

/** `20 MB`, `8 KB` or `100 bytes`: the limit as the user set it. */
export function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb && bytes % mb === 0) return `${bytes / mb} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function tooLarge(maxFileBytes: number): ReadTextResult {
  return { ok: false, reason: `file is larger than ${formatBytes(maxFileBytes)}` };
}
