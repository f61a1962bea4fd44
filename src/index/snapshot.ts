import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { AsPlainObject } from 'minisearch';
import type { Article } from '../article.ts';
import { restoreIndex, type ArticleIndex } from './article-index.ts';

/**
 * The snapshot is a gzip stream of JSON lines: a header, one line per article, the MiniSearch
 * metadata, the term index in chunks, and a trailer. No single string ever holds the whole
 * index (V8 strings end near 512 MiB), gzip's CRC catches corruption, and the trailer's counts
 * catch truncation.
 */
export const SNAPSHOT_FORMAT = 'broadsheet-snapshot';
export const SNAPSHOT_VERSION = 2;
const TERMS_PER_LINE = 2000;

interface SnapshotHeader {
  format: string;
  version: number;
  builtAt: string;
  documents: number;
  terms: number;
  words: number;
}

interface SnapshotTrailer {
  end: true;
  documents: number;
  terms: number;
  words: number;
}

/** An index file that cannot be used: missing, foreign, corrupt, truncated or too new. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`The index ${path} ${problem}; rebuild it with \`broadsheet index\`.`);
  }
}

export interface SaveResult {
  bytes: number;
  terms: number;
}

/**
 * Writes the index to a temporary file beside `path`, flushes it to disk and renames it over
 * `path`, so a crash at any moment leaves either the old index or the new one, never half.
 */
export async function saveSnapshot(index: ArticleIndex, path: string): Promise<SaveResult> {
  const plain = index.toPlainObject();
  const { index: termIndex, ...meta } = plain;
  const words = [...index.words];
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    builtAt: index.builtAt,
    documents: index.size,
    terms: termIndex.length,
    words: words.length,
  };
  const trailer: SnapshotTrailer = { end: true, documents: index.size, terms: termIndex.length, words: words.length };

  function* lines(): Generator<string> {
    yield `${JSON.stringify(header)}\n`;
    for (const article of index.articles) yield `${JSON.stringify(article)}\n`;
    yield `${JSON.stringify(meta)}\n`;
    for (let start = 0; start < termIndex.length; start += TERMS_PER_LINE) {
      yield `${JSON.stringify(termIndex.slice(start, start + TERMS_PER_LINE))}\n`;
    }
    for (let start = 0; start < words.length; start += TERMS_PER_LINE) {
      yield `${JSON.stringify(words.slice(start, start + TERMS_PER_LINE))}\n`;
    }
    yield `${JSON.stringify(trailer)}\n`;
  }

  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await pipeline(Readable.from(lines()), createGzip({ level: 4 }), createWriteStream(temporary));
    const handle = await open(temporary, 'r+');
    let bytes: number;
    try {
      await handle.sync();
      bytes = (await handle.stat()).size;
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    return { bytes, terms: termIndex.length };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Reads a snapshot written by `saveSnapshot`; every way it can be unusable is a `SnapshotError`. */
export async function loadSnapshot(path: string): Promise<ArticleIndex> {
  await checkGzipMagic(path);
  const input = createReadStream(path).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (what: string): Promise<unknown> => {
    const { value, done } = await lines.next();
    if (done) throw new SnapshotError(path, `ends before its ${what} (the file is truncated)`);
    try {
      return JSON.parse(value);
    } catch {
      throw new SnapshotError(path, `has a damaged ${what}`);
    }
  };

  const readChunks = async <T>(count: number, what: string): Promise<T[]> => {
    const entries: T[] = [];
    while (entries.length < count) {
      const chunk = await next(what);
      if (!Array.isArray(chunk)) throw new SnapshotError(path, `has a damaged ${what}`);
      for (const entry of chunk) entries.push(entry as T);
    }
    return entries;
  };

  try {
    const header = (await next('header')) as Partial<SnapshotHeader>;
    if (header?.format !== SNAPSHOT_FORMAT) throw new SnapshotError(path, 'is not a Broadsheet index');
    if (header.version !== SNAPSHOT_VERSION) {
      throw new SnapshotError(path, `has format version ${String(header.version)}, this Broadsheet reads version ${SNAPSHOT_VERSION}`);
    }
    const documents = Number(header.documents);
    const articles: Article[] = [];
    for (let i = 0; i < documents; i++) articles.push((await next('articles')) as Article);
    const meta = (await next('index metadata')) as Omit<AsPlainObject, 'index'>;
    const terms = Number(header.terms);
    const termIndex = await readChunks<AsPlainObject['index'][number]>(terms, 'term index');
    const wordCount = Number(header.words);
    const words = await readChunks<[string, number]>(wordCount, 'word list');
    const trailer = (await next('end marker')) as Partial<SnapshotTrailer>;
    if (trailer?.end !== true || trailer.documents !== documents || trailer.terms !== terms || trailer.words !== wordCount) {
      throw new SnapshotError(path, 'does not end where its header says (the file is damaged)');
    }
    try {
      return restoreIndex({ ...meta, index: termIndex }, articles, String(header.builtAt), words);
    } catch {
      throw new SnapshotError(path, 'holds an index that cannot be restored');
    }
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(path, `cannot be read (${describeReadError(error)})`);
  } finally {
    input.destroy();
  }
}

async function checkGzipMagic(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SnapshotError(path, code === 'ENOENT' ? 'does not exist' : `cannot be opened (${code ?? 'unknown error'})`);
  }
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    if (bytesRead < 2 || buffer[0] !== 0x1f || buffer[1] !== 0x8b) {
      throw new SnapshotError(path, 'is not a Broadsheet index');
    }
  } finally {
    await handle.close();
  }
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') return 'the compressed data is damaged or cut short';
  return error instanceof Error ? error.message : String(error);
}
