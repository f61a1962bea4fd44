/**
 * The one value every stage agrees on: an article as read from a file, before indexing.
 * Field names are the outer contract (CONTRACT.md); add freely, rename nothing.
 */
export interface Article {
  /** Stable across re-indexing of the same file; safe as a URL path segment. */
  id: ArticleId;
  title: string;
  body: string;
  /** Linked from result pages only when it is http(s). */
  url?: string;
  source?: string;
  author?: string;
  /** ISO 8601. */
  date?: string;
  tags: string[];
  /** BCP 47 language tag when the file says (`lang` in JSON/front matter, `<html lang>`). */
  lang?: string;
}

export type ArticleId = string;

const UNSAFE = /[^A-Za-z0-9_-]+/g;

/**
 * Makes any string safe as one URL path segment: letters, digits, `_`, `-` and `~` only.
 * `~` joins path segments so `a/b` and `a-b` stay distinct ids.
 */
export function toArticleId(raw: string): ArticleId {
  const id = raw
    .split(/[\\/]+/)
    .map((part) => part.replace(UNSAFE, '-').replace(/^-+|-+$/g, ''))
    .filter((part) => part.length > 0)
    .join('~');
  return id.length > 0 ? id : 'article';
}

/**
 * The id of the article in a file: its path under the indexed folder, without the extension,
 * so it survives re-indexing and a move of the whole archive. `entry` numbers articles
 * inside one JSON/JSONL file that carry no id of their own.
 */
export function deriveArticleId(relativePath: string, entry?: string): ArticleId {
  const withoutExtension = relativePath.replace(/\.[A-Za-z0-9]+$/, '');
  return toArticleId(entry === undefined ? withoutExtension : `${withoutExtension}/${entry}`);
}

/** True when a URL may be put in an `href`: only http(s), never `javascript:` or `data:`. */
export function isWebUrl(url: string | undefined): url is string {
  if (url === undefined) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
