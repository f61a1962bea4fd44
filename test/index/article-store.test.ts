import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { lazyArticles, type ArticleMeta } from '../../src/index/article-store.ts';

/** Metas and compressed blocks of `perBlock` bodies, as a snapshot stores them. */
function store(bodies: string[], perBlock: number) {
  const metas: ArticleMeta[] = bodies.map((_, i) => ({ id: `a${i}`, title: `Title ${i}`, tags: [] }) as ArticleMeta);
  const blocks: Buffer[] = [];
  for (let first = 0; first < bodies.length; first += perBlock) blocks.push(deflateSync(JSON.stringify(bodies.slice(first, first + perBlock))));
  let end = 0;
  const ends = blocks.map((block) => (end += block.length));
  return { metas, blocks: Buffer.concat(blocks), ends };
}

describe('lazyArticles', () => {
  const bodies = Array.from({ length: 7 }, (_, i) => `Body of article ${i} — café ${'x'.repeat(i)}`);

  it('gives every body, read in any order, while keeping two', () => {
    const { metas, blocks, ends } = store(bodies, 2);
    const articles = lazyArticles(metas, blocks, ends, 2, 2);
    for (const doc of [6, 0, 3, 1, 6, 2, 5, 4, 0]) expect(articles[doc]!.body).toBe(bodies[doc]);
    expect(articles.map((article) => article.title)).toEqual(bodies.map((_, i) => `Title ${i}`));
  });

  it('shows the body to JSON and to spreading, like a plain article', () => {
    const { metas, blocks, ends } = store(bodies, 3);
    const [article] = lazyArticles(metas, blocks, ends, 3);
    expect(JSON.parse(JSON.stringify(article)).body).toBe(bodies[0]);
    expect({ ...article }.body).toBe(bodies[0]);
  });
});
