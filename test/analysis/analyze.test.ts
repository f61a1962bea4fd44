import { describe, expect, it } from 'vitest';
import { foldWord, lowerWord, tokenize } from '../../src/analysis/analyze.ts';
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
