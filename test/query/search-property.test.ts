import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { libraryFromArticles } from '../../src/query/create-library.ts';
import { ARTICLES, request } from './fixtures.ts';

const library = libraryFromArticles(ARTICLES);

const queryText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('(', ')', '"', '-', 'OR', 'NOT', '*', 'title:', 'source:', 'tag:', 'foo:', ' ', '\u0000', 'AND'),
        fc.constantFrom('putin', 'budget', 'Zürich', 'well-known', 'rain', 'the', 'spa', 'parliment', '2021'),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(' ')),
);

describe('any query string', () => {
  it('parses to a query that runs, quickly, and gives a well-formed result', () => {
    fc.assert(
      fc.property(queryText, fc.boolean(), (q, typing) => {
        const started = performance.now();
        const result = library.search(request({ q, typing }));
        // A bound against hangs, not a benchmark: these five articles take microseconds.
        expect(performance.now() - started).toBeLessThan(500);
        expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
        for (const hit of result.hits) {
          for (const { start, end } of [...hit.title.highlights, ...hit.snippet.highlights]) {
            expect(0 <= start && start < end).toBe(true);
          }
        }
        library.highlight(q, 'A text about Putin and the budget in Zürich.');
        library.suggest(q);
      }),
      { numRuns: 500 },
    );
  });
});
