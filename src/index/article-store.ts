import { inflateSync } from 'node:zlib';
import type { Article } from '../article.ts';

/**
 * Articles whose bodies are compressed together in one block of the snapshot: few enough that
 * decoding the blocks of a page of results before the store has filled takes a few
 * milliseconds, many enough to compress well.
 */
export const BODIES_PER_BLOCK = 16;
/** How long each background step of filling the store may run, between requests. */
const FILL_STEP_MS = 2;

/** An article as the snapshot stores it apart from its body. */
export type ArticleMeta = Omit<Article, 'body'>;

/**
 * Articles whose bodies stay compressed until read. Decompressing and parsing every body is
 * most of the time a snapshot takes to load, and a search needs only the bodies of the
 * articles it shows or checks; so each article's `body` decodes its block on first read, and
 * the whole store then fills itself in the background, a few milliseconds at a time.
 * `blocks` holds the zlib-compressed JSON arrays of `perBlock` bodies, back to back; `ends` where each ends.
 * The metas become the articles.
 */
export function lazyArticles(metas: ArticleMeta[], blocks: Buffer, ends: readonly number[], perBlock = BODIES_PER_BLOCK): Article[] {
  let compressed: Buffer | undefined = blocks;
  const filled = new Uint8Array(ends.length);
  let remaining = ends.length;
  const articles = metas.map((meta, doc) => {
    const article = meta as Article;
    Object.defineProperty(article, 'body', {
      enumerable: true,
      configurable: true,
      get() {
        fill(Math.floor(doc / perBlock));
        return article.body;
      },
    });
    return article;
  });

  function fill(block: number): void {
    if (filled[block] || compressed === undefined) return;
    const bodies = JSON.parse(inflateSync(compressed.subarray(block === 0 ? 0 : ends[block - 1], ends[block])).toString('utf8')) as string[];
    const first = block * perBlock;
    for (let doc = first; doc < Math.min(first + perBlock, articles.length); doc++) {
      Object.defineProperty(articles[doc], 'body', { value: bodies[doc - first] ?? '', enumerable: true, configurable: true, writable: true });
    }
    filled[block] = 1;
    // Once every body is a plain string, the compressed copy is dead weight.
    if (--remaining === 0) compressed = undefined;
  }

  let next = 0;
  const fillSome = () => {
    const until = performance.now() + FILL_STEP_MS;
    while (next < ends.length && performance.now() < until) fill(next++);
    if (next < ends.length) setTimeout(fillSome, 1).unref();
  };
  if (ends.length > 0) setTimeout(fillSome, 1).unref();
  return articles;
}
