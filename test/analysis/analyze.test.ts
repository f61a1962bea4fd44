import { describe, expect, it } from 'vitest';
import { analyzeTerms, normalizeTerm, tokenize } from '../../src/analysis/analyze.ts';

describe('analysis', () => {
  it('folds case and diacritics', () => {
    expect(normalizeTerm('Zürich')).toBe('zurich');
    expect(normalizeTerm('CAFÉ')).toBe('cafe');
  });

  it('drops possessives and inner apostrophes, typographic or straight', () => {
    expect(analyzeTerms("Atlanta's O’Brien don't")).toEqual(['atlanta', 'obrien', 'dont']);
  });

  it('keeps numbers and reports offsets into the original text', () => {
    const text = 'In 2023, “Kim” met Putin';
    const tokens = tokenize(text);
    expect(tokens.map((token) => token.term)).toEqual(['in', '2023', 'kim', 'met', 'putin']);
    expect(tokens.map(({ start, end }) => text.slice(start, end))).toEqual(['In', '2023', 'Kim', 'met', 'Putin']);
  });
});
