import { inflateSync } from 'node:zlib';
import type { Article } from '../article.ts';

/**
 * Articles whose bodies are compressed together in one block of the snapshot: few enough that
 * decoding the blocks of a page of results takes a millisecond or two, many enough to compress well.
 */
export const BODIES_PER_BLOCK = 16;
/**
 * Decoded blocks kept, the most recently read: about 40 MB of text, enough for the pages
 * people are reading and the article pages they open.
 */
const DECODED_BLOCKS = 1024;

/** An article as the snapshot stores it apart from its body. */
export type ArticleMeta = Omit<Article, 'body'>;

/**
 * Articles whose bodies stay compressed until read. A search needs only the bodies of the
 * articles it shows (phrases are checked in the phrase index), so each article's `body`
 * decodes its block when read and a bounded cache keeps the recent blocks. Decoding every
 * body up front, or in the background, made a fresh server slower to answer, and the decoded
 * strings (most of the heap) kept the garbage collector busy while it answered.
 * `blocks` holds the zlib-compressed JSON arrays of `perBlock` bodies, back to back; `ends` where each ends.
 * The metas become the articles.
 */
export function lazyArticles(
  metas: ArticleMeta[],
  blocks: Buffer,
  ends: readonly number[],
  perBlock = BODIES_PER_BLOCK,
  keep = DECODED_BLOCKS,
): Article[] {
  const decoded = new Map<number, string[]>();

  function bodiesOf(block: number): string[] {
    let bodies = decoded.get(block);
    if (bodies !== undefined) {
      // Most recently read last, so the first is the one to drop.
      decoded.delete(block);
    } else {
      bodies = JSON.parse(inflateSync(blocks.subarray(block === 0 ? 0 : ends[block - 1], ends[block])).toString('utf8')) as string[];
      if (decoded.size >= keep) decoded.delete(decoded.keys().next().value!);
    }
    decoded.set(block, bodies);
    return bodies;
  }

  return metas.map((meta, doc) => {
    const article = meta as Article;
    const block = Math.floor(doc / perBlock);
    const at = doc - block * perBlock;
    Object.defineProperty(article, 'body', { enumerable: true, configurable: true, get: () => bodiesOf(block)[at] ?? '' });
    return article;
  });
}
