import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Duplex } from 'node:stream';
import streamArray from 'stream-json/streamers/stream-array.js';
import streamValues from 'stream-json/streamers/stream-values.js';
import type { ArticleId } from '../article.ts';
import { deriveArticleId, toArticleId } from '../article.ts';
import { makeArticle, tagsField, textField, titleFromBody } from './article-fields.ts';
import { describeError } from './describe-error.ts';
import { normalizeDateValue } from './parse-date.ts';
import { BINARY_SNIFF_BYTES, isBinary } from './read-file.ts';
import type { IngestItem, ParseResult } from './types.ts';
import type { FoundFile } from './walk.ts';

/**
 * One JSON object as an article. Fields are the Article's; `text` or `content` stand for `body`
 * and `published` for `date`; `tags` may be a list or a comma string. A record with neither
 * title nor body is a problem; one with a body only gets its first line as title. `id` is the
 * record's own (made URL-safe), else `fallbackId`.
 */
export function parseArticleRecord(record: unknown, fallbackId: ArticleId): ParseResult {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const fields = record as Record<string, unknown>;
  const title = textField(fields.title);
  const body = textField(fields.body) ?? textField(fields.text) ?? textField(fields.content) ?? '';
  if (title === undefined && body === '') return { ok: false, reason: 'no title and no body' };
  const id = textField(fields.id);
  return {
    ok: true,
    article: makeArticle({
      id: id === undefined ? fallbackId : toArticleId(id),
      title: title ?? titleFromBody(body),
      body,
      tags: tagsField(fields.tags),
      url: textField(fields.url),
      source: textField(fields.source),
      author: textField(fields.author) ?? authorsField(fields.authors),
      date: normalizeDateValue(fields.date) ?? normalizeDateValue(fields.published),
      lang: textField(fields.lang),
    }),
  };
}

/** A list of authors (`["Perlis, A. J.", "Samelson, K."]`) as one field, separated by semicolons. */
function authorsField(value: unknown): string | undefined {
  if (!Array.isArray(value)) return textField(value);
  const names = value.flatMap((name) => textField(name) ?? []);
  return names.length === 0 ? undefined : names.join('; ');
}

/**
 * The articles of a JSON file, streamed so that its size does not matter: a top-level array of
 * article objects, or one object (or several, one after another). Item `n` (from 1) is at
 * `path#n` and, without an `id`, gets the id `<relative path>/n`. Bad items are problems and the
 * rest still count; broken JSON ends the file with a problem after the items read so far.
 */
export async function* readJsonArticles(file: FoundFile): AsyncGenerator<IngestItem> {
  const start = await firstCharacter(file);
  if (start.problem !== undefined) {
    yield { kind: 'problem', path: file.displayPath, reason: start.problem };
    return;
  }
  if (start.char !== '[' && start.char !== '{') {
    yield { kind: 'problem', path: file.displayPath, reason: 'not a JSON array or object' };
    return;
  }
  const source = createReadStream(file.absolutePath);
  const items: Duplex =
    start.char === '['
      ? streamArray.withParserAsStream()
      : streamValues.withParserAsStream({ jsonStreaming: true });
  source.on('error', (error) => items.destroy(error));
  source.pipe(items);
  let count = 0;
  try {
    for await (const item of items as AsyncIterable<{ value: unknown }>) {
      count += 1;
      yield recordItem(file, item.value, `${file.displayPath}#${count}`, String(count));
    }
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const reason =
      typeof code === 'string' ? describeError(error) : count === 0 ? 'not valid JSON' : `not valid JSON after item ${count}`;
    yield { kind: 'problem', path: file.displayPath, reason };
    return;
  } finally {
    source.destroy();
    items.destroy();
  }
  if (count === 0) yield { kind: 'problem', path: file.displayPath, reason: 'no articles in file' };
}

/**
 * The articles of a JSONL (NDJSON) file, one JSON object per line, read line by line. Line `n`
 * is at `path:n` and, without an `id`, gets the id `<relative path>/n`. A broken line is a
 * problem at `path:n`; the other lines still count. Blank lines are passed over.
 */
export async function* readJsonLinesArticles(file: FoundFile): AsyncGenerator<IngestItem> {
  const start = await firstCharacter(file);
  if (start.problem !== undefined) {
    yield { kind: 'problem', path: file.displayPath, reason: start.problem };
    return;
  }
  const input = createReadStream(file.absolutePath, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let records = 0;
  try {
    for await (const raw of lines) {
      lineNumber += 1;
      const line = (lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
      if (line === '') continue;
      records += 1;
      const location = `${file.displayPath}:${lineNumber}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        yield { kind: 'problem', path: location, reason: 'not valid JSON' };
        continue;
      }
      yield recordItem(file, value, location, String(lineNumber));
    }
  } catch (error) {
    yield { kind: 'problem', path: file.displayPath, reason: describeError(error) };
    return;
  } finally {
    lines.close();
    input.destroy();
  }
  if (records === 0) yield { kind: 'problem', path: file.displayPath, reason: 'no articles in file' };
}

function recordItem(file: FoundFile, value: unknown, location: string, entry: string): IngestItem {
  const result = parseArticleRecord(value, deriveArticleId(file.relativePath, entry));
  return result.ok
    ? { kind: 'article', path: file.displayPath, location, article: result.article }
    : { kind: 'problem', path: location, reason: result.reason };
}

/**
 * The first character that is not white space, read from the file's first bytes, which are also
 * checked for a binary file: a stream of JSON needs no more to know what it is in for.
 */
async function firstCharacter(file: FoundFile): Promise<{ char?: string; problem?: string }> {
  let head: Uint8Array;
  try {
    const handle = await open(file.absolutePath, 'r');
    try {
      const buffer = new Uint8Array(BINARY_SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { problem: describeError(error) };
  }
  if (isBinary(head)) return { problem: 'binary file' };
  const text = new TextDecoder('utf-8').decode(head);
  const char = /\S/.exec(text)?.[0];
  if (char !== undefined) return { char };
  return head.length < BINARY_SNIFF_BYTES ? { problem: 'file is empty' } : { char: ' ' };
}
