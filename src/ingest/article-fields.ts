import type { Article, ArticleId } from '../article.ts';

/** The fields a parser found; empty strings and `undefined` are left out of the article. */
export interface ArticleFields {
  id: ArticleId;
  title: string;
  body: string;
  tags?: readonly string[];
  url?: string | undefined;
  source?: string | undefined;
  author?: string | undefined;
  date?: string | undefined;
  lang?: string | undefined;
}

/**
 * Builds an `Article` without empty optional fields, so `broadsheet parse` prints no
 * `"url": ""` and the index never facets on an empty source.
 */
export function makeArticle(fields: ArticleFields): Article {
  const article: Article = {
    id: fields.id,
    title: collapseSpaces(fields.title),
    body: fields.body.trim(),
    tags: uniqueTags(fields.tags ?? []),
  };
  for (const key of ['url', 'source', 'author', 'date', 'lang'] as const) {
    const value = fields[key]?.trim();
    if (value !== undefined && value !== '') article[key] = collapseSpaces(value);
  }
  return article;
}

/** A string field from loosely typed input (JSON, YAML): strings and numbers, trimmed; anything else is absent. */
export function textField(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** Tags given as a list (`[a, b]`) or as one comma-separated string (`"a, b"`). */
export function tagsField(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => textField(item) ?? []);
  const text = textField(value);
  return text === undefined ? [] : text.split(',');
}

/**
 * A title made from the body's first line, for records that have text but no title.
 * Cut at a word near 100 characters: a whole first paragraph is no title.
 */
export function titleFromBody(body: string, maxLength = 100): string {
  const firstLine = body.trim().split('\n')[0]?.trim() ?? '';
  if (firstLine.length <= maxLength) return firstLine;
  const cut = firstLine.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const clean = collapseSpaces(tag);
    if (clean !== '') seen.add(clean);
  }
  return [...seen];
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
