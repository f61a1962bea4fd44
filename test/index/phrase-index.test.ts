import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWord, phraseWords } from '../../src/analysis/analyze.ts';
import { buildIndex } from '../../src/index/article-index.ts';
import { PhraseIndexBuilder, PhraseMatcher } from '../../src/index/phrase-index.ts';
import { containsPhrase } from '../../src/query/phrase.ts';

const foldedWords = (text: string) => phraseWords(text).map((token) => foldWord(token.word));

describe('phrase index', () => {
  const index = buildIndex([
    { id: 'a', title: 'Rain over Zürich', body: 'The café closed early. Well-known faces stayed.', tags: [] },
    { id: 'b', title: 'Closed early', body: 'Rain over the lake.', tags: [] },
  ]);
  index.phrases.prepare();
  const has = (doc: number, phrase: string, titleOnly = false) => {
    const ids = index.phrases.idsOf(foldedWords(phrase));
    return ids !== undefined && index.phrases.contains(doc, ids, titleOnly);
  };

  it('finds words in a row, folded, stop words included, hyphenated words by their parts', () => {
    expect(has(0, 'rain over zurich')).toBe(true);
    expect(has(0, 'the cafe closed')).toBe(true);
    expect(has(0, 'well known faces')).toBe(true);
    expect(has(0, 'closed the cafe')).toBe(false);
    expect(has(1, 'rain over the lake')).toBe(true);
  });

  it('never joins the end of a title to the start of its body', () => {
    expect(has(0, 'zurich the')).toBe(false);
    expect(has(1, 'early rain')).toBe(false);
  });

  it('looks only in the title when asked', () => {
    expect(has(1, 'closed early', true)).toBe(true);
    expect(has(0, 'closed early', true)).toBe(false);
    expect(has(0, 'closed early')).toBe(true);
  });

  it('knows at once when a word of the phrase occurs nowhere', () => {
    expect(index.phrases.idsOf(['rain', 'unheard'])).toBeUndefined();
  });

  it('agrees with reading the text, for any words', () => {
    const vocabulary = ['a', 'b', 'c', 'd', 'e', 'the', 'of'];
    const text = fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(text, text, fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 3 }), (title, body, phrase) => {
        const built = buildIndex([{ id: 'x', title, body, tags: [] }]);
        built.phrases.prepare();
        const ids = built.phrases.idsOf(phrase);
        const found = ids !== undefined && built.phrases.contains(0, ids);
        expect(found).toBe(containsPhrase(title, phrase) || containsPhrase(body, phrase));
      }),
    );
  });

  it('reads long texts and large word numbers', () => {
    const builder = new PhraseIndexBuilder();
    const ids = Array.from({ length: 5000 }, (_, i) => builder.wordId(`w${i}`));
    builder.addDocument([], ids);
    const matcher = new PhraseMatcher(builder.finish());
    expect(matcher.contains(0, [ids[4998]!, ids[4999]!])).toBe(true);
    expect(matcher.contains(0, [ids[4999]!, ids[4998]!])).toBe(false);
  });

  it('answers the same before, while and after its pair filters are built', () => {
    const builder = new PhraseIndexBuilder();
    const words = ['a', 'b', 'c', 'd', 'e', 'f'].map((word) => builder.wordId(word));
    // 600 documents of 1-60 words, from a fixed generator so the test is the same every run.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
    for (let doc = 0; doc < 600; doc++) {
      const body = Array.from({ length: 1 + (next() % 60) }, () => words[next() % words.length]!);
      builder.addDocument([words[next() % words.length]!], body);
    }
    const index = builder.finish();
    const plain = new PhraseMatcher(index);
    const filtered = new PhraseMatcher(index);
    const phrases = [[0, 1], [1, 0], [2, 2], [3, 4, 5], [5, 0, 1, 2], [4]].map((phrase) => phrase.map((i) => words[i]!));
    const answers = (matcher: PhraseMatcher) => phrases.map((ids) => Array.from({ length: 600 }, (_, doc) => matcher.contains(doc, ids)));
    const expected = answers(plain);
    expect(expected.flat()).toContain(true);
    expect(expected.flat()).toContain(false);

    expect(filtered.buildFilters(0)).toBe(false); // a deadline already past: one batch of documents
    expect(answers(filtered)).toEqual(expected);
    while (!filtered.buildFilters(0));
    expect(answers(filtered)).toEqual(expected);
  });
});
