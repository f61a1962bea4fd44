import type { Article, ArticleId } from '../article.ts';
import { deriveArticleId } from '../article.ts';
import { describeError } from './describe-error.ts';
import { formatOf } from './file-format.ts';
import { parseHtmlArticle } from './parse-html.ts';
import { readJsonArticles, readJsonLinesArticles } from './parse-json.ts';
import { parseMarkdownArticle } from './parse-markdown.ts';
import { parseTextArticle } from './parse-text.ts';
import { MAX_FILE_BYTES, readArticleText } from './read-file.ts';
import type { IngestItem, IngestOptions, IngestResult, ParseResult } from './types.ts';
import type { FoundFile } from './walk.ts';
import { walkPaths } from './walk.ts';

/**
 * Reads every article in the given files and folders: the ingest stage's entry point.
 *
 * Walks first, so `onProgress` knows the total, then parses each file by its extension
 * (`.txt`, `.md`, `.html`, `.json`, `.jsonl`, ...; a file named directly with another extension
 * is plain text). Never throws for bad input: each file or record that cannot be read is a
 * `Problem`, and everything else is returned.
 *
 * Two articles with the same id: the later one wins and takes the earlier one's place in
 * `articles` (so the order is that of each id's first appearance); a warning names both, and
 * the earlier one's location gets a problem `replaced by <later> (same id <id>)`.
 */
export async function readArticles(paths: readonly string[], options: IngestOptions = {}): Promise<IngestResult> {
  const articles = new Map<ArticleId, { article: Article; location: string }>();
  const problems: IngestResult['problems'] = [];
  const warnings: string[] = [];
  for await (const item of streamArticles(paths, options)) {
    if (item.kind === 'problem') {
      problems.push({ path: item.path, reason: item.reason });
      continue;
    }
    const earlier = articles.get(item.article.id);
    if (earlier !== undefined) {
      warnings.push(`duplicate id ${item.article.id}: ${item.location} replaces ${earlier.location}`);
    }
    // Map.set keeps an existing key's position: the replacement sits where the original was.
    articles.set(item.article.id, { article: item.article, location: item.location });
  }
  return { articles: [...articles.values()].map((entry) => entry.article), problems, warnings };
}

/**
 * The articles and problems of the given files and folders, one at a time as they are read, for
 * output that starts at once and memory that does not grow with the archive (`broadsheet parse`).
 *
 * Problems found while walking come first, then each file's items in walk order. An article's
 * `path` is its file's; its `location` adds `:line` (JSONL) or `#item` (JSON). When an id comes
 * again, a problem `replaced by <later location> (same id <id>)` for the earlier location is
 * yielded just before the later article, which {@link readArticles} keeps instead.
 */
export async function* streamArticles(
  paths: readonly string[],
  options: IngestOptions = {},
): AsyncGenerator<IngestItem> {
  const { files, problems } = await walkPaths(paths);
  for (const problem of problems) yield { kind: 'problem', ...problem };
  options.onProgress?.(0, files.length);
  const seen = new Map<ArticleId, string>();
  for (const [index, file] of files.entries()) {
    for await (const item of readFileItems(file, options)) {
      if (item.kind === 'article') {
        const earlier = seen.get(item.article.id);
        if (earlier !== undefined) {
          yield { kind: 'problem', path: earlier, reason: `replaced by ${item.location} (same id ${item.article.id})` };
        }
        seen.set(item.article.id, item.location);
      }
      yield item;
    }
    options.onProgress?.(index + 1, files.length);
  }
}

/** The items of one file; anything unexpected becomes a problem for the file, never an exception. */
export async function* readFileItems(file: FoundFile, options: IngestOptions = {}): AsyncGenerator<IngestItem> {
  try {
    const format = formatOf(file.absolutePath) ?? 'text';
    if (format === 'json') {
      yield* readJsonArticles(file);
      return;
    }
    if (format === 'jsonl') {
      yield* readJsonLinesArticles(file);
      return;
    }
    const read = await readArticleText(file.absolutePath, options.maxFileBytes ?? MAX_FILE_BYTES);
    if (!read.ok) {
      yield { kind: 'problem', path: file.displayPath, reason: read.reason };
      return;
    }
    const id = deriveArticleId(file.relativePath);
    const result: ParseResult =
      format === 'markdown'
        ? parseMarkdownArticle(read.text, id)
        : { ok: true, article: format === 'html' ? parseHtmlArticle(read.text, id) : parseTextArticle(read.text, id) };
    if (!result.ok) {
      yield { kind: 'problem', path: file.displayPath, reason: result.reason };
    } else if (result.article.title === '' && result.article.body === '') {
      yield { kind: 'problem', path: file.displayPath, reason: 'no article text found' };
    } else {
      yield { kind: 'article', path: file.displayPath, location: file.displayPath, article: result.article };
    }
  } catch (error) {
    yield { kind: 'problem', path: file.displayPath, reason: describeError(error) };
  }
}
