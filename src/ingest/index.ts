/**
 * The ingest stage: files and folders in, `Article`s and `Problem`s out.
 * `readArticles` for everything at once, `streamArticles` for one item at a time; the parsers
 * and the walk are exported for tools and tests that need one piece.
 */
export { readArticles, streamArticles } from './read-articles.ts';
export type { IngestItem, IngestOptions, IngestResult, ParseResult, Problem } from './types.ts';
export { MAX_FILE_BYTES, readArticleText, decodeArticleBytes } from './read-file.ts';
export type { ReadTextResult } from './read-file.ts';
export { walkPaths } from './walk.ts';
export type { FoundFile, WalkResult } from './walk.ts';
export { ARTICLE_EXTENSIONS, formatOf } from './file-format.ts';
export type { FileFormat } from './file-format.ts';
export { normalizeDate, normalizeDateValue } from './parse-date.ts';
export { parseTextArticle, isFurnitureLine } from './parse-text.ts';
export { parseMarkdownArticle } from './parse-markdown.ts';
export { markdownToText } from './markdown-to-text.ts';
export { parseHtmlArticle } from './parse-html.ts';
export { parseArticleRecord, readJsonArticles, readJsonLinesArticles } from './parse-json.ts';
export { readChangedArticles } from './read-changes.ts';
export type { ChangeCounts, FileRecord, IncrementalResult, PreviousRun } from './read-changes.ts';
