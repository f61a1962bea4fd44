import matter from 'gray-matter';
import type { ArticleId } from '../article.ts';
import { toArticleId } from '../article.ts';
import { makeArticle, tagsField, textField } from './article-fields.ts';
import { inlineText, markdownToText } from './markdown-to-text.ts';
import { normalizeDateValue } from './parse-date.ts';
import type { ParseResult } from './types.ts';

const FIRST_LEVEL_HEADING = /^\s{0,3}#\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(?:```|~~~)/;

/**
 * Parses a Markdown article: YAML front matter (`title`, `date`, `tags` as a list or a comma
 * string, `url`, `source` (else `author`), `author`, `lang`, `id`) read by gray-matter; the title
 * falls back to the first `# heading` (then left out of the body), then to the first line.
 * `id` is the front matter's, else `defaultId`. Broken YAML is a problem, not an exception.
 */
export function parseMarkdownArticle(text: string, defaultId: ArticleId): ParseResult {
  const front = readFrontMatter(text);
  if ('reason' in front) return { ok: false, reason: front.reason };
  const { data, content } = front;

  let title = textField(data.title);
  const lines = content.split('\n');
  const headingIndex = firstHeadingIndex(lines);
  const heading =
    headingIndex === -1 ? undefined : inlineText(FIRST_LEVEL_HEADING.exec(lines[headingIndex] ?? '')?.[1] ?? '').trim() || undefined;
  // The heading is the title when there is no other, and a repeat of it when it says the same.
  if (heading !== undefined && (title === undefined || heading === title)) {
    title ??= heading;
    lines.splice(headingIndex, 1);
  }
  let body = markdownToText(lines.join('\n'));
  if (title === undefined) {
    const [first = '', ...rest] = body.split('\n');
    title = first;
    body = rest.join('\n');
  }

  const rawId = textField(data.id);
  const author = textField(data.author);
  return {
    ok: true,
    article: makeArticle({
      id: rawId === undefined ? defaultId : toArticleId(rawId),
      title,
      body,
      tags: tagsField(data.tags),
      url: textField(data.url),
      source: textField(data.source) ?? author,
      author,
      date: normalizeDateValue(data.date),
      lang: textField(data.lang),
    }),
  };
}

function readFrontMatter(text: string): { data: Record<string, unknown>; content: string } | { reason: string } {
  if (!hasClosedFrontMatter(text)) return { data: {}, content: text };
  try {
    // Options, even empty, keep gray-matter from caching every file's text for the process's life.
    const file = matter(text, {});
    return { data: isRecord(file.data) ? file.data : {}, content: file.content };
  } catch (error) {
    return { reason: frontMatterReason(error) };
  }
}

/**
 * gray-matter takes everything after an opening `---` as front matter when no `---` closes it,
 * which would swallow a document that merely starts with a horizontal rule.
 */
function hasClosedFrontMatter(text: string): boolean {
  const lines = text.split('\n');
  return (lines[0] ?? '').startsWith('---') && lines.slice(1).some((line) => line.trimEnd() === '---');
}

function firstHeadingIndex(lines: readonly string[]): number {
  let inFence = false;
  for (const [index, line] of lines.entries()) {
    if (FENCE.test(line)) inFence = !inFence;
    else if (!inFence && FIRST_LEVEL_HEADING.test(line)) return index;
  }
  return -1;
}

function frontMatterReason(error: unknown): string {
  // js-yaml counts from 0 from the end of the opening `---` line, which is line 1 of the file.
  const line = (error as { mark?: { line?: unknown } } | null)?.mark?.line;
  return typeof line === 'number' ? `front matter is not valid YAML (line ${line + 1})` : 'front matter is not valid YAML';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
