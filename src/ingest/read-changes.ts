import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Article, ArticleId } from '../article.ts';
import { describeError } from './describe-error.ts';
import { readFileItems } from './read-articles.ts';
import type { IngestOptions, IngestResult, Problem } from './types.ts';
import { walkPaths, type FoundFile } from './walk.ts';

/** What was read from one file, kept in the snapshot so the next run can skip it if unchanged. */
export interface FileRecord {
  /** Absolute path. */
  path: string;
  /** The path ids derive from; the same file reached through another folder is read again. */
  relativePath: string;
  size: number;
  mtimeMs: number;
  /** SHA-256 of the content, checked when size or time changed. */
  hash: string;
  /** The articles it held, in order. */
  ids: ArticleId[];
  problems: Problem[];
}

export interface ChangeCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface IncrementalResult extends IngestResult {
  files: FileRecord[];
  changes: ChangeCounts;
}

/** The previous run: its file records, and its articles by id. */
export interface PreviousRun {
  files: readonly FileRecord[];
  article(id: ArticleId): Article | undefined;
}

/**
 * Reads the articles of `paths` like `readArticles`, but takes a file's articles from the
 * previous run when the file has not changed (same size and modification time, or else the
 * same content hash), so re-indexing a big archive re-reads only what changed. The result is
 * the same as reading every file: same articles, same order, same problems and warnings.
 */
export async function readChangedArticles(paths: readonly string[], previous: PreviousRun | undefined, options: IngestOptions = {}): Promise<IncrementalResult> {
  const { files, problems } = await walkPaths(paths);
  const before = new Map((previous?.files ?? []).map((record) => [record.path, record]));
  // An id two files shared was replaced in the index; those files are read again to be sure.
  const seenIds = new Set<ArticleId>();
  const shared = new Set<ArticleId>();
  for (const record of previous?.files ?? []) {
    for (const id of record.ids) (seenIds.has(id) ? shared : seenIds).add(id);
  }
  const changes: ChangeCounts = { added: 0, updated: 0, removed: 0, unchanged: 0 };
  const records: FileRecord[] = [];
  const byId = new Map<ArticleId, { article: Article; location: string }>();
  const warnings: string[] = [];
  options.onProgress?.(0, files.length);

  for (const [position, file] of files.entries()) {
    const earlier = before.get(file.absolutePath);
    before.delete(file.absolutePath);
    let record: FileRecord;
    let articles: { article: Article; location: string }[];
    try {
      const reused = earlier === undefined || earlier.ids.some((id) => shared.has(id)) ? undefined : await reuse(file, earlier, previous!);
      if (reused !== undefined) {
        [record, articles] = reused;
        changes.unchanged++;
      } else {
        [record, articles] = await readFile(file, options);
        if (earlier === undefined) changes.added++;
        else changes.updated++;
      }
    } catch (error) {
      record = { path: file.absolutePath, relativePath: file.relativePath, size: -1, mtimeMs: -1, hash: '', ids: [], problems: [{ path: file.displayPath, reason: describeError(error) }] };
      articles = [];
      changes[earlier === undefined ? 'added' : 'updated']++;
    }
    records.push(record);
    problems.push(...record.problems);
    for (const item of articles) {
      const replaced = byId.get(item.article.id);
      if (replaced !== undefined) {
        warnings.push(`duplicate id ${item.article.id}: ${item.location} replaces ${replaced.location}`);
        problems.push({ path: replaced.location, reason: `replaced by ${item.location} (same id ${item.article.id})` });
      }
      // Map.set keeps an existing key's position: the replacement sits where the original was.
      byId.set(item.article.id, item);
    }
    options.onProgress?.(position + 1, files.length);
  }
  changes.removed = before.size;
  return { articles: [...byId.values()].map((entry) => entry.article), problems, warnings, files: records, changes };
}

async function reuse(file: FoundFile, earlier: FileRecord, previous: PreviousRun): Promise<[FileRecord, { article: Article; location: string }[]] | undefined> {
  if (earlier.relativePath !== file.relativePath || earlier.size < 0) return undefined;
  const info = await stat(file.absolutePath);
  let record = earlier;
  if (info.size !== earlier.size || info.mtimeMs !== earlier.mtimeMs) {
    if ((await hashFile(file.absolutePath)) !== earlier.hash) return undefined;
    record = { ...earlier, size: info.size, mtimeMs: info.mtimeMs };
  }
  const articles: { article: Article; location: string }[] = [];
  for (const id of earlier.ids) {
    const article = previous.article(id);
    if (article === undefined) return undefined;
    articles.push({ article, location: file.displayPath });
  }
  return [record, articles];
}

async function readFile(file: FoundFile, options: IngestOptions): Promise<[FileRecord, { article: Article; location: string }[]]> {
  const info = await stat(file.absolutePath);
  const hash = await hashFile(file.absolutePath);
  const articles: { article: Article; location: string }[] = [];
  const problems: Problem[] = [];
  for await (const item of readFileItems(file, options)) {
    if (item.kind === 'article') articles.push({ article: item.article, location: item.location });
    else problems.push({ path: item.path, reason: item.reason });
  }
  const record: FileRecord = {
    path: file.absolutePath,
    relativePath: file.relativePath,
    size: info.size,
    mtimeMs: info.mtimeMs,
    hash,
    ids: articles.map((item) => item.article.id),
    problems,
  };
  return [record, articles];
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
