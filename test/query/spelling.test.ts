import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.ts';
import { libraryFromArticles } from '../../src/query/create-library.ts';
import { request } from './fixtures.ts';

const article = (id: string, body: string): Article => ({ id, title: 'Notes', body, tags: [] });
const many = (count: number, word: string) => Array.from({ length: count }, (_, i) => article(`${word}-${i}`, `The ${word} met.`));

describe('spelling', () => {
  // "government" is common; "govenment" and "governmnet" are misprints the archive holds once or twice.
  const library = libraryFromArticles([
    ...many(250, 'government'),
    article('misprint-1', 'The govenment met.'),
    article('misprint-2', 'The governmnet met.'),
    article('misprint-3', 'A governmnet spokesman.'),
    ...many(5, 'blazer'),
    article('glazer', 'Malcolm Glazer bought a club.'),
  ]);
  const search = (q: string) => library.search(request({ q, typing: false }));

  it('suggests the far more frequent word over a nearer rare one', () => {
    expect(search('govrenment').suggestion).toBe('government');
  });

  it('corrects a misprint the archive itself holds, and finds the word meant below it', () => {
    const result = search('governmnet');
    expect(result.suggestion).toBe('government');
    expect(result.hits.slice(0, 2).map((hit) => hit.id).sort()).toEqual(['misprint-2', 'misprint-3']);
    expect(result.hits.slice(2).every((hit) => hit.id.startsWith('government-'))).toBe(true);
    expect(result.notices).toContain('Some results match close spellings of your words.');
  });

  it('leaves a real word alone when its neighbour is only somewhat more frequent', () => {
    const result = search('glazer');
    expect(result.suggestion).toBeUndefined();
    expect(result.hits.map((hit) => hit.id)).toEqual(['glazer']);
  });

  it('tries no close spellings for a word the archive has often', () => {
    expect(search('blazer').hits.every((hit) => hit.id.startsWith('blazer-'))).toBe(true);
  });
});
