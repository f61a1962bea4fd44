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
 * Bodies kept decoded, the most recently read: a page of results, the pages around it, the
 * results of the letters typed before (about 2.5 MB). Bodies, not blocks: a block decodes
 * sixteen bodies for the one a snippet needs, and only that one is kept.
 */
const RECENT_BODIES = 1024;

/**
 * Articles whose bodies stay compressed until read. A search needs only the bodies of the
 * articles it shows (phrases are checked in the phrase index), so each article's `body`
 * decodes its block when read; the bodies recently read are kept, and the last block read,
 * for reading an archive in order (re-indexing, saving). Measured at 100k articles: decoding
 * every body up front or in the background made a fresh server slower to answer, and a cache
 * of decoded blocks (strings that survive young) or of inflated blocks (memory outside the
 * heap) made the garbage collector pause more often and longer than decoding costs.
 * `blocks` holds the zlib-compressed JSON arrays of `perBlock` bodies, back to back; `ends` where each ends.
 * The metas become the articles.
 */
export function lazyArticles(
  metas: ArticleMeta[],
  blocks: Buffer,
  ends: readonly number[],
  perBlock = BODIES_PER_BLOCK,
  keep = RECENT_BODIES,
): Article[] {
  const recent = new Map<number, string>();
  let lastBlock = -1;
  let lastBodies: string[] = [];

  function bodyOf(doc: number): string {
    let body = recent.get(doc);
    if (body !== undefined) {
      // Most recently read last, so the first is the one to drop.
      recent.delete(doc);
    } else {
      const block = Math.floor(doc / perBlock);
      if (block !== lastBlock) {
        lastBodies = JSON.parse(inflateSync(blocks.subarray(block === 0 ? 0 : ends[block - 1], ends[block])).toString('utf8')) as string[];
        lastBlock = block;
      }
      body = lastBodies[doc - block * perBlock] ?? '';
      if (recent.size >= keep) recent.delete(recent.keys().next().value!);
    }
    recent.set(doc, body);
    return body;
  }

  return metas.map((meta, doc) => {
    const article = meta as Article;
    Object.defineProperty(article, 'body', { enumerable: true, configurable: true, get: () => bodyOf(doc) });
    return article;
  });
}
