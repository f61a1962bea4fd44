import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Article } from '../article.ts';
import { restoreIndex, type ArticleIndex } from './article-index.ts';

/**
 * The snapshot is a gzip stream of JSON lines: a header, one line per article, the field
 * lengths, the term index in chunks, the word list, the list of source files, and a trailer. No single string ever holds the whole
 * index (V8 strings end near 512 MiB), gzip's CRC catches corruption, and the trailer's counts
 * catch truncation.
 */
export const SNAPSHOT_FORMAT = 'broadsheet-snapshot';
export const SNAPSHOT_VERSION = 4;
const TERMS_PER_LINE = 2000;
/** How long loading runs before letting a server answer requests in between. */
const BREATH_MS = 10;

interface SnapshotHeader {
  format: string;
  version: number;
  builtAt: string;
  documents: number;
  terms: number;
  words: number;
  manifest: number;
  averageFieldLength: number[];
}

interface SnapshotTrailer {
  end: true;
  documents: number;
  terms: number;
  words: number;
  manifest: number;
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

/** Documents per line of the field-length section. */
const DOCUMENTS_PER_LINE = 5000;

/**
 * One term's postings as a flat array: `[term, fieldId, [doc gaps...], [frequencies...], fieldId, ...]`.
 * Numbers in arrays parse several times faster than MiniSearch's objects keyed by document id,
 * and gaps between ascending document numbers are short.
 */
type TermLine = (string | number | number[])[];

function encodeTerm(term: string, fields: Map<number, Map<number, number>>): TermLine {
  const line: TermLine = [term];
  for (const [fieldId, documents] of fields) {
    const gaps: number[] = [];
    const frequencies: number[] = [];
    let previous = 0;
    for (const [doc, frequency] of documents) {
      gaps.push(doc - previous);
      frequencies.push(frequency);
      previous = doc;
    }
    line.push(fieldId, gaps, frequencies);
  }
  return line;
}

function decodeTerm(line: unknown): [string, Map<number, Map<number, number>>] | undefined {
  if (!Array.isArray(line) || typeof line[0] !== 'string' || line.length % 3 !== 1) return undefined;
  const fields = new Map<number, Map<number, number>>();
  for (let i = 1; i < line.length; i += 3) {
    const [fieldId, gaps, frequencies] = [line[i], line[i + 1], line[i + 2]];
    if (typeof fieldId !== 'number' || !Array.isArray(gaps) || !Array.isArray(frequencies) || gaps.length !== frequencies.length) return undefined;
    const documents = new Map<number, number>();
    let doc = 0;
    for (let j = 0; j < gaps.length; j++) {
      doc += gaps[j] as number;
      documents.set(doc, frequencies[j] as number);
    }
    fields.set(fieldId, documents);
  }
  return [line[0], fields];
}

/**
 * Writes the index to a temporary file beside `path`, flushes it to disk and renames it over
 * `path`, so a crash at any moment leaves either the old index or the new one, never half.
 */
export async function saveSnapshot(index: ArticleIndex, path: string): Promise<SaveResult> {
  const state = index.state();
  const words = [...index.words];
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    builtAt: index.builtAt,
    documents: index.size,
    terms: state.postings.size,
    words: words.length,
    manifest: index.manifest.length,
    averageFieldLength: state.averageFieldLength,
  };
  const trailer: SnapshotTrailer = { end: true, documents: index.size, terms: state.postings.size, words: words.length, manifest: index.manifest.length };

  function* lines(): Generator<string> {
    yield `${JSON.stringify(header)}\n`;
    for (const article of index.articles) yield `${JSON.stringify(article)}\n`;
    for (let start = 0; start < index.size; start += DOCUMENTS_PER_LINE) {
      const lengths: number[] = [];
      for (let doc = start; doc < Math.min(index.size, start + DOCUMENTS_PER_LINE); doc++) lengths.push(...(state.fieldLength.get(doc) ?? []));
      yield `${JSON.stringify(lengths)}\n`;
    }
    let chunk: TermLine[] = [];
    for (const [term, fields] of state.postings) {
      chunk.push(encodeTerm(term, fields));
      if (chunk.length === TERMS_PER_LINE) {
        yield `${JSON.stringify(chunk)}\n`;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield `${JSON.stringify(chunk)}\n`;
    for (let start = 0; start < words.length; start += TERMS_PER_LINE) {
      yield `${JSON.stringify(words.slice(start, start + TERMS_PER_LINE))}\n`;
    }
    for (let start = 0; start < index.manifest.length; start += DOCUMENTS_PER_LINE) {
      yield `${JSON.stringify(index.manifest.slice(start, start + DOCUMENTS_PER_LINE))}\n`;
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
    return { bytes, terms: state.postings.size };
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
  // Lines already buffered resolve as microtasks, which would keep a serving process from
  // answering anything until the whole file is read: give way to other work every few ms.
  let lastBreath = performance.now();
  const next = async (what: string): Promise<unknown> => {
    if (performance.now() - lastBreath > BREATH_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastBreath = performance.now();
    }
    const { value, done } = await lines.next();
    if (done) throw new SnapshotError(path, `ends before its ${what} (the file is truncated)`);
    try {
      return JSON.parse(value);
    } catch {
      throw new SnapshotError(path, `has a damaged ${what}`);
    }
  };
  const nextArray = async (what: string): Promise<unknown[]> => {
    const chunk = await next(what);
    if (!Array.isArray(chunk)) throw new SnapshotError(path, `has a damaged ${what}`);
    return chunk;
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
    const fieldLength = new Map<number, number[]>();
    const fieldCount = header.averageFieldLength?.length ?? 0;
    while (fieldLength.size < documents) {
      const lengths = await nextArray('field lengths');
      for (let i = 0; i < lengths.length; i += fieldCount) fieldLength.set(fieldLength.size, lengths.slice(i, i + fieldCount) as number[]);
    }
    const terms = Number(header.terms);
    const postings = new Map<string, Map<number, Map<number, number>>>();
    while (postings.size < terms) {
      for (const line of await nextArray('term index')) {
        const decoded = decodeTerm(line);
        if (decoded === undefined) throw new SnapshotError(path, 'has a damaged term index');
        postings.set(decoded[0], decoded[1]);
      }
    }
    const wordCount = Number(header.words);
    const words: [string, number][] = [];
    while (words.length < wordCount) for (const entry of await nextArray('word list')) words.push(entry as [string, number]);
    const manifestCount = Number(header.manifest);
    const manifest: unknown[] = [];
    while (manifest.length < manifestCount) manifest.push(...(await nextArray('file list')));
    const trailer = (await next('end marker')) as Partial<SnapshotTrailer>;
    if (
      trailer?.end !== true ||
      trailer.documents !== documents ||
      trailer.terms !== terms ||
      trailer.words !== wordCount ||
      trailer.manifest !== manifestCount
    ) {
      throw new SnapshotError(path, 'does not end where its header says (the file is damaged)');
    }
    const state = { postings, fieldLength, averageFieldLength: header.averageFieldLength ?? [], documentCount: documents };
    try {
      return restoreIndex(state, articles, String(header.builtAt), words, manifest);
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
