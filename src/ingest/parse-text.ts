import type { Article, ArticleId } from '../article.ts';
import { makeArticle } from './article-fields.ts';
import { normalizeDate } from './parse-date.ts';

/**
 * Lines that scraped pages carry around an article but that are not part of it. Each is matched
 * against a whole trimmed line, so a sentence that merely starts with these words stays.
 * Kept short on purpose: every entry is a guess about someone else's site, and each is tested.
 */
const FURNITURE: readonly RegExp[] = [
  /^(?:published|updated)(?: on)?\s*:/i, // "Published on: 13/09/2023 – 16:43"
  /^\d{1,3}\s*min(?:ute)?s?(?: read)?$/i, // reading time: "1 min", "3 min read", "5 minutes read"
  /^you may also like:?$/i,
  /^leave a comment:?$/i,
  /^share(?: this)?(?: article| story| post)?:?$/i,
  /^related(?: articles| posts| stories| news)?:?$/i,
  /^read (?:more|also):?$/i,
];

/** `by time news`: short, and not a sentence (a body paragraph may start with "By the end..."). */
const BY_LINE = /^by\s+(.{1,80}?)\s*$/i;
const HASHTAG_LINE = /^#[^\s#]+(?:\s+#[^\s#]+)*$/;

/** True for a line of site furniture (`Published on: ...`, `1 min`, `You may also like`). */
export function isFurnitureLine(line: string): boolean {
  const trimmed = line.trim();
  return FURNITURE.some((pattern) => pattern.test(trimmed));
}

/**
 * Parses the plain-text article format of the seeds: a title line, an optional `by SOURCE` line,
 * an optional date line, body paragraphs separated by blank lines, and an optional final line of
 * `#hashtags` that become tags. Furniture lines are dropped wherever they are, so the hashtags
 * are found even when `You may also like` follows them. A file that does not follow the format
 * still gives an article: its first line is the title, the rest the body.
 */
export function parseTextArticle(text: string, id: ArticleId): Article {
  const lines: string[] = [];
  let publishedDate: string | undefined;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (isFurnitureLine(line)) {
      // Sites that print no date line still print "Published on: <date>"; better than no date.
      publishedDate ??= normalizeDate(line.slice(line.indexOf(':') + 1));
    } else {
      lines.push(line);
    }
  }

  let next = lines.findIndex((line) => line !== '');
  if (next === -1) return makeArticle({ id, title: '', body: '' });
  const title = lines[next] ?? '';
  next += 1;

  let source: string | undefined;
  let date: string | undefined;
  // The by-line and the date line are each optional; accept them in either order.
  for (;;) {
    const index = nextNonEmpty(lines, next);
    const line = lines[index];
    if (line === undefined) break;
    const by = source === undefined ? byLineSource(line) : undefined;
    const lineDate = date === undefined && by === undefined ? normalizeDate(line) : undefined;
    if (by === undefined && lineDate === undefined) break;
    source ??= by;
    date ??= lineDate;
    next = index + 1;
  }

  let end = lines.length;
  while (end > next && lines[end - 1] === '') end -= 1;
  let tags: string[] = [];
  const last = lines[end - 1];
  if (end > next && last !== undefined && HASHTAG_LINE.test(last)) {
    tags = last.split(/\s+/).map((tag) => tag.slice(1));
    end -= 1;
  }

  return makeArticle({
    id,
    title,
    body: joinParagraphs(lines.slice(next, end)),
    tags,
    source,
    date: date ?? publishedDate,
  });
}

function byLineSource(line: string): string | undefined {
  const match = BY_LINE.exec(line);
  const source = match?.[1];
  if (source === undefined || /[.!?]$/.test(source)) return undefined;
  return source;
}

function nextNonEmpty(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length && lines[index] === '') index += 1;
  return index;
}

/** Lines grouped into paragraphs at blank lines; paragraphs joined by one blank line. */
export function joinParagraphs(lines: readonly string[]): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (current.length > 0) paragraphs.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) paragraphs.push(current.join('\n'));
  return paragraphs.join('\n\n');
}
