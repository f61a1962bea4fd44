import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.ts';
import { buildIndex } from '../../src/index/article-index.ts';
import { compileQuery } from '../../src/query/compile-query.ts';
import { parseQueryString } from '../../src/query/parse-query-string.ts';
import { leafWords, proximity } from '../../src/query/proximity.ts';
import { RANKING } from '../../src/query/ranking.ts';

const article = (id: string, title: string, body: string): Article => ({ id, title, body, tags: [] });

describe('proximity', () => {
  const index = buildIndex([
    article('near', 'Notes', 'The harbour tram runs again.'),
    article('apart', 'Notes', 'The harbour is busy. Everyone in the city went out on a fine day to see the tram.'),
    article('title-body', 'Harbour', 'Tram news.'),
    article('forms', 'Notes', 'Happy presidents and the happiness of a presidency.'),
  ]);
  const leavesOf = (q: string) => compileQuery(parseQueryString(q).root!, index, RANKING).leaves;
  const doc = (id: string) => index.articles.findIndex((a) => a.id === id);
  const near = (id: string, q: string) => proximity(index, doc(id), leafWords(index, leavesOf(q)), [1, 1]);

  it('is higher where the words stand closer, and nothing across title and body or beyond a few words', () => {
    expect(near('near', 'harbour tram')).toBeGreaterThan(near('apart', 'harbour tram'));
    expect(near('apart', 'harbour tram')).toBe(0);
    expect(near('title-body', 'harbour tram')).toBe(0);
  });

  it('knows every form of a word by its stem, even one that does not start with it', () => {
    const words = (q: string) =>
      [...leafWords(index, leavesOf(q))].map(([id, leaf]) => `${index.phrases.word(id)}:${leaf}`).sort();
    // happy and happiness stem to happi; presidents and presidency to presid.
    expect(words('happy president')).toEqual(['happiness:0', 'happy:0', 'presidency:1', 'presidents:1']);
    expect(words('presidency')).toEqual(['presidency:0', 'presidents:0']);
  });
});
