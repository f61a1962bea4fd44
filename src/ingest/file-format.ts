import { extname } from 'node:path';

/** How a file is read: one article (text, markdown, html) or a stream of them (json, jsonl). */
export type FileFormat = 'text' | 'markdown' | 'html' | 'json' | 'jsonl';

/** The extensions that make a file an article when a folder is walked. */
export const ARTICLE_EXTENSIONS: Readonly<Record<string, FileFormat>> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** The format a file name announces, or `undefined` when it is no article file (`photo.jpg`). */
export function formatOf(fileName: string): FileFormat | undefined {
  return ARTICLE_EXTENSIONS[extname(fileName).toLowerCase()];
}
