import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The least a reader of a JSONL corpus must do: split lines and `JSON.parse` them, picking the
 * fields the ingest stage would (`body`, else `text` or `content`; `date`, else `published`).
 * The floor's "read" and the query profiler use it; Broadsheet itself reads through
 * `readArticles` from `src/ingest`.
 */
export interface RawArticle {
  title: string;
  body: string;
  source?: string;
  date?: string;
  tags: string[];
}

export async function* readRawArticles(path: string): AsyncGenerator<RawArticle> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (typeof record !== 'object' || record === null) continue;
    const body = text(record.body) ?? text(record.text) ?? text(record.content) ?? '';
    const title = text(record.title) ?? body.split('\n', 1)[0] ?? '';
    if (title === '' && body === '') continue;
    const article: RawArticle = { title, body, tags: tagList(record.tags) };
    const source = text(record.source);
    if (source !== undefined) article.source = source;
    const date = text(record.date) ?? text(record.published);
    if (date !== undefined) article.date = date;
    yield article;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function tagList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((tag): tag is string => typeof tag === 'string' && tag.trim() !== '');
  if (typeof value === 'string') return value.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
  return [];
}

/** Lower-case letter-and-digit runs: the floor's tokenizer. */
export const FLOOR_TOKEN = /[\p{L}\p{N}]+/gu;

export function floorTokens(text: string): string[] {
  return text.toLowerCase().match(FLOOR_TOKEN) ?? [];
}
