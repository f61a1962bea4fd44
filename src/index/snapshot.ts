import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { deflate, gunzipSync, inflate } from 'node:zlib';
import type { Article } from '../article.ts';
import { restoreIndex, SEARCH_FIELDS, type ArticleIndex } from './article-index.ts';
import { BODIES_PER_BLOCK, lazyArticles, type ArticleMeta } from './article-store.ts';
import { completePostings, type FieldPostings } from './postings.ts';

/**
 * The snapshot is a binary file: a magic line, a JSON header, then sections, each compressed
 * on its own with zlib, except document numbers: those are stored as gaps between a term's
 * documents in variable-length bytes, which is about as small and much faster to read. So
 * loading is decoding arrays, not rebuilding millions of objects; sections inflate in
 * parallel on libuv's threads meanwhile. Article bodies come
 * last in blocks that are decoded only when read (see `lazyArticles`). The header carries
 * every section's size and a SHA-256 of them all, so truncation and corruption are refused
 * before anything is used. No string ever holds the whole index (V8 strings end near 512 MiB).
 */
export const SNAPSHOT_FORMAT = 'broadsheet-snapshot';
export const SNAPSHOT_VERSION = 5;
const MAGIC = Buffer.from('BROADSHEET INDEX\n');
const COMPRESSION_LEVEL = 3;
/** Body blocks compressed at once while saving, so memory stays bounded. */
const BLOCKS_AT_ONCE = 32;
/**
 * How much is hashed before letting a server answer requests in between. Every pause costs a
 * turn of a busy server's event loop (half a second with 64 clients waiting), so loading takes
 * few of them: one read, one inflate per section (its output in one piece), a few hash slices.
 */
const HASH_SLICE = 64 * 1024 * 1024;

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

interface SnapshotHeader {
  format: string;
  version: number;
  builtAt: string;
  documents: number;
  terms: number;
  fields: readonly string[];
  /** Sections in file order, with their compressed sizes. */
  sections: { name: string; bytes: number; rawBytes: number }[];
  /** Where each block of bodies ends within the `bodies` section. */
  bodyBlockEnds: number[];
  /** Bodies per block (64 in files that do not say). */
  bodiesPerBlock?: number;
  sha256: string;
}

/** What the `meta` section holds. */
interface SnapshotMeta {
  articles: ArticleMeta[];
  terms: string[];
  words: [string, number][];
  phraseWords: readonly string[];
  /** Bytes per number of the phrase index: 2 or 4. */
  phraseWidth: number;
  manifest: unknown[];
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

const bytesOf = (array: Uint8Array | Uint16Array | Uint32Array): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

/** Document numbers of each term's postings as gaps from the previous one (the first from 0). */
function gapsOf({ starts, docs }: FieldPostings): Uint32Array {
  const gaps = new Uint32Array(docs.length);
  for (let term = 0; term + 1 < starts.length; term++) {
    let previous = 0;
    for (let at = starts[term]!; at < starts[term + 1]!; at++) {
      gaps[at] = docs[at]! - previous;
      previous = docs[at]!;
    }
  }
  return gaps;
}

/** Numbers as variable-length bytes, seven bits at a time: gaps are mostly small. */
function encodeVarints(values: Uint32Array): Buffer {
  const bytes = Buffer.allocUnsafe(values.length * 5);
  let at = 0;
  for (let value of values) {
    while (value >= 0x80) {
      bytes[at++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    bytes[at++] = value;
  }
  return bytes.subarray(0, at);
}

/**
 * Reads back what `encodeVarints` wrote of `docs.length` gaps, adding up each term's run
 * (between two `starts`) into document numbers. False when the bytes do not hold exactly
 * that many numbers. Values stay below 2^28: document numbers.
 */
function decodeGaps(bytes: Buffer, docs: Uint32Array, starts: Uint32Array): boolean {
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = 0;
  for (let term = 0; term + 1 < starts.length; term++) {
    let doc = 0;
    for (let i = starts[term]!, end = starts[term + 1]!; i < end; i++) {
      let byte = view[at++]!;
      let value = byte & 0x7f;
      if (byte & 0x80) {
        byte = view[at++]!;
        value |= (byte & 0x7f) << 7;
        if (byte & 0x80) {
          byte = view[at++]!;
          value |= (byte & 0x7f) << 14;
          if (byte & 0x80) {
            byte = view[at++]!;
            value |= (byte & 0x7f) << 21;
            if (byte & 0x80) return false;
          }
        }
      }
      docs[i] = doc += value;
    }
    if (at > view.length) return false;
  }
  return at === view.length;
}

/**
 * Writes the index to a temporary file beside `path`, flushes it to disk and renames it over
 * `path`, so a crash at any moment leaves either the old index or the new one, never half.
 */
export async function saveSnapshot(index: ArticleIndex, path: string): Promise<SaveResult> {
  const { postings } = index;
  const meta: SnapshotMeta = {
    articles: index.articles.map(({ body: _body, ...rest }) => rest),
    terms: [...postings.terms],
    words: [...index.words],
    phraseWords: index.phraseIndex.words,
    phraseWidth: index.phraseIndex.sequence.BYTES_PER_ELEMENT,
    manifest: [...index.manifest],
  };
  const raw: [string, Buffer | string][] = [
    ['meta', JSON.stringify(meta)],
    ['field-lengths', Buffer.concat(postings.fieldLengths.map(bytesOf))],
    ['phrase-starts', bytesOf(index.phraseIndex.starts)],
    ['phrases', bytesOf(index.phraseIndex.sequence)],
  ];
  postings.fields.forEach((field, i) => {
    const counts = new Uint32Array(postings.terms.length);
    for (let term = 0; term < counts.length; term++) counts[term] = field.starts[term + 1]! - field.starts[term]!;
    raw.push([`counts-${i}`, bytesOf(counts)], [`gaps-${i}`, encodeVarints(gapsOf(field))], [`frequencies-${i}`, bytesOf(field.frequencies)]);
  });
  // Gaps are left as varints (they barely compress further, and inflating them was most of a
  // load), and term counts as they are: both are read at once while the rest inflates.
  const stored = (name: string) => name.startsWith('gaps-') || name.startsWith('counts-') || name === 'phrase-starts';
  const sections = await Promise.all(
    raw.map(async ([name, data]) => ({
      name,
      data: stored(name) ? (data as Buffer) : await deflateAsync(data, { level: COMPRESSION_LEVEL }),
      rawBytes: Buffer.byteLength(data),
    })),
  );

  const blocks: Buffer[] = [];
  for (let first = 0; first < index.size; first += BODIES_PER_BLOCK * BLOCKS_AT_ONCE) {
    const batch: Promise<Buffer>[] = [];
    for (let start = first; start < Math.min(index.size, first + BODIES_PER_BLOCK * BLOCKS_AT_ONCE); start += BODIES_PER_BLOCK) {
      const bodies = index.articles.slice(start, start + BODIES_PER_BLOCK).map((article) => article.body);
      batch.push(deflateAsync(JSON.stringify(bodies), { level: COMPRESSION_LEVEL }));
    }
    blocks.push(...(await Promise.all(batch)));
  }
  const bodyBlockEnds: number[] = [];
  let end = 0;
  for (const block of blocks) bodyBlockEnds.push((end += block.length));
  const bodies = Buffer.concat(blocks);
  sections.push({ name: 'bodies', data: bodies, rawBytes: bodies.length });

  const hash = createHash('sha256');
  for (const section of sections) hash.update(section.data);
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    builtAt: index.builtAt,
    documents: index.size,
    terms: postings.terms.length,
    fields: SEARCH_FIELDS,
    sections: sections.map(({ name, data, rawBytes }) => ({ name, bytes: data.length, rawBytes })),
    bodyBlockEnds,
    bodiesPerBlock: BODIES_PER_BLOCK,
    sha256: hash.digest('hex'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(headerBytes.length);

  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    let bytes = 0;
    try {
      for (const part of [MAGIC, headerLength, headerBytes, ...sections.map((section) => section.data)]) {
        await handle.write(part);
        bytes += part.length;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    return { bytes, terms: postings.terms.length };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Reads a snapshot written by `saveSnapshot`; every way it can be unusable is a `SnapshotError`. */
export async function loadSnapshot(path: string): Promise<ArticleIndex> {
  let file: Buffer;
  try {
    file = await readWhole(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SnapshotError(path, code === 'ENOENT' ? 'does not exist' : `cannot be opened (${code ?? 'unknown error'})`);
  }
  const header = readHeader(path, file);
  const start = MAGIC.length + 4 + file.readUInt32LE(MAGIC.length);
  const expected = start + header.sections.reduce((total, section) => total + section.bytes, 0);
  if (file.length < expected) throw new SnapshotError(path, 'ends before its last section (the file is truncated)');
  if (file.length > expected) throw new SnapshotError(path, 'is longer than its header says (the file is damaged)');

  const hash = createHash('sha256');
  for (let at = start; at < file.length; at += HASH_SLICE) {
    hash.update(file.subarray(at, Math.min(file.length, at + HASH_SLICE)));
    if (at + HASH_SLICE < file.length) await new Promise((resolve) => setImmediate(resolve));
  }
  if (hash.digest('hex') !== header.sha256) throw new SnapshotError(path, 'does not match its checksum (the file is damaged)');

  const sections = new Map<string, Buffer>();
  const rawSizes = new Map<string, number>();
  let at = start;
  for (const { name, bytes, rawBytes } of header.sections) {
    sections.set(name, file.subarray(at, at + bytes));
    rawSizes.set(name, rawBytes);
    at += bytes;
  }
  const section = (name: string): Buffer => {
    const found = sections.get(name);
    if (found === undefined) throw new SnapshotError(path, `has no ${name} section (the file is damaged)`);
    return found;
  };
  try {
    const fieldCount = header.fields.length;
    const documents = header.documents;
    const terms = header.terms;
    // Inflating runs on libuv's threads while this one decodes the document numbers.
    const names = ['meta', 'field-lengths', 'phrases', ...Array.from({ length: fieldCount }, (_, i) => `frequencies-${i}`)];
    const inflating = Promise.all(
      names.map(async (name) => [name, await inflateAsync(section(name), { chunkSize: Math.max(64 * 1024, rawSizes.get(name) ?? 0) })] as const),
    );
    inflating.catch(() => {});
    const starts = Array.from({ length: fieldCount }, (_, i) => {
      const counts = new Uint32Array(copyOf(section(`counts-${i}`)));
      if (counts.length !== terms) throw new SnapshotError(path, 'has damaged postings');
      const fieldStarts = new Uint32Array(terms + 1);
      for (let term = 0; term < terms; term++) fieldStarts[term + 1] = fieldStarts[term]! + counts[term]!;
      return fieldStarts;
    });
    const docs = starts.map((fieldStarts, i) => {
      const fieldDocs = new Uint32Array(fieldStarts[terms]!);
      if (!decodeGaps(section(`gaps-${i}`), fieldDocs, fieldStarts)) throw new SnapshotError(path, 'has damaged postings');
      return fieldDocs;
    });

    const inflated = new Map(await inflating);
    const get = (name: string) => inflated.get(name)!;
    const meta = JSON.parse(get('meta').toString('utf8')) as SnapshotMeta;
    if (meta.articles.length !== documents || meta.terms.length !== terms) throw new SnapshotError(path, 'has a damaged article list');
    const lengths = new Uint16Array(copyOf(get('field-lengths')));
    if (lengths.length !== fieldCount * documents) throw new SnapshotError(path, 'has damaged field lengths');
    const fieldLengths = Array.from({ length: fieldCount }, (_, i) => lengths.subarray(i * documents, (i + 1) * documents));
    const fields = docs.map((fieldDocs, i): FieldPostings => {
      const frequencies = get(`frequencies-${i}`);
      if (frequencies.length !== fieldDocs.length) throw new SnapshotError(path, 'has damaged postings');
      return { starts: starts[i]!, docs: fieldDocs, frequencies: new Uint8Array(frequencies.buffer, frequencies.byteOffset, frequencies.length) };
    });

    // Copied out, so that the rest of the file (read in one piece) can be freed: the store keeps the bodies compressed.
    const bodies = Buffer.from(section('bodies'));
    const perBlock = header.bodiesPerBlock ?? 64;
    if (!(perBlock >= 1) || header.bodyBlockEnds.length !== Math.ceil(documents / perBlock) || (header.bodyBlockEnds.at(-1) ?? 0) !== bodies.length) {
      throw new SnapshotError(path, 'has a damaged article store');
    }
    const phraseStarts = new Uint32Array(copyOf(section('phrase-starts')));
    const phraseBytes = get('phrases');
    // A big inflated section has a buffer of its own; a small one may sit unaligned in Node's pool.
    const phraseBuffer = phraseBytes.byteOffset % 4 === 0 ? phraseBytes.buffer : copyOf(phraseBytes);
    const phraseOffset = phraseBytes.byteOffset % 4 === 0 ? phraseBytes.byteOffset : 0;
    const sequence =
      meta.phraseWidth === 2
        ? new Uint16Array(phraseBuffer, phraseOffset, phraseBytes.length / 2)
        : new Uint32Array(phraseBuffer, phraseOffset, Math.floor(phraseBytes.length / 4));
    if (phraseStarts.length !== documents + 1 || phraseStarts[documents] !== sequence.length || sequence.byteLength !== phraseBytes.length) {
      throw new SnapshotError(path, 'has a damaged phrase index');
    }
    const phraseIndex = { words: meta.phraseWords, starts: phraseStarts, sequence };
    const articles: Article[] = lazyArticles(meta.articles, bodies, header.bodyBlockEnds, perBlock);
    const postings = completePostings({ terms: meta.terms, fields, fieldLengths, documentCount: documents });
    return restoreIndex(postings, phraseIndex, articles, header.builtAt, meta.words, meta.manifest);
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(path, `cannot be read (${describeReadError(error)})`);
  }
}

/** The whole file in one read, rather than `readFile`'s half-megabyte steps, each a turn of the event loop. */
async function readWhole(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buffer.subarray(0, read);
  } finally {
    await handle.close();
  }
}

/** A fresh, aligned copy of bytes, to view as a typed array. */
function copyOf(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
}

function readHeader(path: string, file: Buffer): SnapshotHeader {
  if (file[0] === 0x1f && file[1] === 0x8b) {
    // Format 4 and earlier were one gzip stream of JSON lines, the header first.
    let version: unknown;
    try {
      const text = gunzipSync(file, { finishFlush: 2 /* Z_SYNC_FLUSH: a cut-short stream still gives its start */ }).toString('utf8');
      const first = JSON.parse(text.slice(0, text.indexOf('\n') >>> 0)) as { format?: unknown; version?: unknown };
      if (first.format === SNAPSHOT_FORMAT) version = first.version;
    } catch {
      // Not ours.
    }
    if (version === undefined) throw new SnapshotError(path, 'is not a Broadsheet index');
    throw new SnapshotError(path, `has format version ${String(version)}, this Broadsheet reads version ${SNAPSHOT_VERSION}`);
  }
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw new SnapshotError(path, 'is not a Broadsheet index');
  const length = file.readUInt32LE(MAGIC.length);
  let header: Partial<SnapshotHeader>;
  try {
    header = JSON.parse(file.subarray(MAGIC.length + 4, MAGIC.length + 4 + length).toString('utf8')) as Partial<SnapshotHeader>;
  } catch {
    throw new SnapshotError(path, 'has a damaged header');
  }
  if (header?.format !== SNAPSHOT_FORMAT) throw new SnapshotError(path, 'is not a Broadsheet index');
  if (header.version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(path, `has format version ${String(header.version)}, this Broadsheet reads version ${SNAPSHOT_VERSION}`);
  }
  if (
    !Array.isArray(header.sections) ||
    !Array.isArray(header.bodyBlockEnds) ||
    !Array.isArray(header.fields) ||
    header.fields.join() !== SEARCH_FIELDS.join() ||
    typeof header.documents !== 'number' ||
    typeof header.sha256 !== 'string'
  ) {
    throw new SnapshotError(path, 'has a damaged header');
  }
  return header as SnapshotHeader;
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') return 'the compressed data is damaged or cut short';
  return error instanceof Error ? error.message : String(error);
}
