import { inflateSync } from 'node:zlib';
import type { Article } from '../article.ts';

/**
 * Articles whose bodies are compressed together in one block of the snapshot: few enough that
 * decoding the blocks of a page of results takes a millisecond or two, many enough to compress well.
 */
export const BODIES_PER_BLOCK = 16;

/** An article as the snapshot stores it apart from its body. */
export type ArticleMeta = Omit<Article, 'body'>;

/**
 * Articles whose bodies stay compressed until read. A search needs only the bodies of the
 * articles it shows (phrases are checked in the phrase index), so each article's `body`
 * decodes its block when read. Only the last block read is kept decoded, for reading an archive
 * in order (re-indexing, saving). Measured at 100k articles: decoding every body up front or in
 * the background made a fresh server slower to answer, and a cache of decoded bodies (strings
 * that survive young) or of inflated blocks (memory outside the heap) made the garbage
 * collector pause more often and longer than decoding a page's ten blocks again costs.
 * `blocks` holds the zlib-compressed JSON arrays of `perBlock` bodies, back to back; `ends` where each ends.
 * The metas become the articles.
 */
export function lazyArticles(metas: ArticleMeta[], blocks: Buffer, ends: readonly number[], perBlock = BODIES_PER_BLOCK): Article[] {
  let lastBlock = -1;
  let lastBodies: string[] = [];

  function bodyOf(block: number, at: number): string {
    if (block !== lastBlock) {
      lastBodies = JSON.parse(inflateSync(blocks.subarray(block === 0 ? 0 : ends[block - 1], ends[block])).toString('utf8')) as string[];
      lastBlock = block;
    }
    return lastBodies[at] ?? '';
  }

  return metas.map((meta, doc) => {
    const article = meta as Article;
    const block = Math.floor(doc / perBlock);
    const at = doc - block * perBlock;
    Object.defineProperty(article, 'body', { enumerable: true, configurable: true, get: () => bodyOf(block, at) });
    return article;
  });
}
