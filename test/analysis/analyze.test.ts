import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWord, lowerWord, rawWords, tokenize } from '../../src/analysis/analyze.ts';
import { analyzerFor, indexTerms } from '../../src/analysis/analyzer.ts';
import { languageCode } from '../../src/analysis/languages.ts';

const english = analyzerFor('en');

describe('tokenize', () => {
  it('keeps numbers and reports offsets into the original text', () => {
    const text = 'In 2023, “Kim” met Putin';
    const tokens = tokenize(text);
    expect(tokens.map((token) => token.word)).toEqual(['in', '2023', 'kim', 'met', 'putin']);
    expect(tokens.map(({ start, end }) => text.slice(start, end))).toEqual(['In', '2023', 'Kim', 'met', 'Putin']);
  });

  it('drops possessives and inner apostrophes, typographic or straight', () => {
    expect(tokenize("Atlanta's O’Brien don't").map((token) => token.word)).toEqual(['atlanta', 'obrien', 'dont']);
  });

  it('yields a hyphenated word by its parts and whole', () => {
    const text = 'a well-known fact';
    expect(tokenize(text).map((token) => [token.word, text.slice(token.start, token.end)])).toEqual([
      ['a', 'a'],
      ['well', 'well'],
      ['known', 'known'],
      ['wellknown', 'well-known'],
      ['fact', 'fact'],
    ]);
  });

  it('finds the same words as the word pattern, in any text (accents, marks, scripts beyond 16 bits, broken surrogates)', () => {
    const pieces = ['a', 'Z', 'é', 'e\u0301', '\u0301', '7', "'", '’', '-', '‐', ' ', '.', '“', '京', '𝒜', '😀', '\ud800', '\udc00', 'ß', 'İ'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        // rawWords is the regular expression itself; tokenize scans by hand. A hyphenated word
        // comes as its parts and then whole: the whole one is the match.
        const tokens = tokenize(text);
        const compounds = tokens.filter((token) => token.compound);
        const words = tokens.filter((token) => token.compound || !compounds.some((whole) => whole.start <= token.start && token.end <= whole.end));
        expect(words.map((token) => text.slice(token.start, token.end))).toEqual(rawWords(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('folding', () => {
  it('removes diacritics', () => {
    expect(foldWord('zürich')).toBe('zurich');
    expect(foldWord(lowerWord('CAFÉ'))).toBe('cafe');
  });
});

describe('analyzer', () => {
  it('stems English with Porter2 and folds first', () => {
    expect(['toasts', 'generously', 'dying', 'Zürich'].map((word) => english.term(lowerWord(word)))).toEqual([
      'toast',
      'generous',
      'die',
      'zurich',
    ]);
  });

  it('drops stop words', () => {
    expect(english.term('the')).toBeUndefined();
    expect(english.isStopWord('between')).toBe(true);
  });

  it('stores the exact form beside a stem that differs', () => {
    expect(indexTerms('The toasts to Putin', english)).toEqual(['toast', '=toasts', 'putin']);
  });

  it('selects the stemmer by language, English by default', () => {
    expect(languageCode('de-AT')).toBe('de');
    expect(languageCode('xx')).toBe('en');
    expect(languageCode(undefined)).toBe('en');
    expect(analyzerFor('de').term('häuser')).toBe('haus');
    expect(analyzerFor('fr').term('nationales')).toBe('national');
  });
});
