import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { app, PARTIAL } from './helpers.ts';

/*
 * Thousands of random and adversarial query strings through `app.request()`: unicode, control
 * characters, NUL, 10k-character values, only operators, parentheses thousands deep, broken
 * percent-encoding, many repeated parameters. No answer may be a 5xx, and each must come back
 * within a generous bound (against hangs, not a benchmark). Seeded, so every run is the same.
 */

/** Per request: far above what any of these takes, far below a hang. */
const BOUND_MS = 2000;
const SEED = 20_240_601;

const OPERATORS = ['(', ')', '"', '“', '”', '-', '--', 'OR', 'AND', 'NOT', '|', '||', '*', ':', 'title:', 'source:', 'tag:', 'Tags:', 'foo:', ' ', '\t', '\n', '\u0000'];

/** A value of one parameter: the kinds of text a hostile or careless client sends. */
const value: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  // Control characters, NUL included, and lone surrogates.
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), maxLength: 50 }),
  fc.string({ unit: fc.constantFrom('\ud800', '\udfff', '\u200b', '\u202e', '\ufeff', '\ufffd', '\u0000', '\u0085', '\u2028'), maxLength: 30 }),
  // Only operators.
  fc.array(fc.constantFrom(...OPERATORS), { maxLength: 300 }).map((parts) => parts.join('')),
  // Operators mixed with words.
  fc.array(fc.oneof(fc.constantFrom(...OPERATORS), fc.constantFrom('harbour', 'council', 'Zürich', '東京', "O'Brien", 'a', 'x*')), { maxLength: 200 }).map((parts) => parts.join(' ')),
  // Nesting thousands deep, closed or not.
  fc
    .tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('(', '((', '-(', 'NOT (', 'title:(', '(a OR ', '"(', '(-'), fc.boolean())
    .map(([depth, unit, close]) => `${unit.repeat(depth)}harbour${close ? ')'.repeat(depth) : ''}`),
  // Ten thousand characters of one thing.
  fc.constantFrom('x', 'harbour ', 'é', '𝒳', '(', '"', '-', 'OR ', '\u0000', '%', '<script>', 'a*').map((unit) => unit.repeat(Math.ceil(10_000 / unit.length)).slice(0, 10_000)),
  // Numbers, dates and orders, good and bad.
  fc.constantFrom('0', '-1', '1.5', '1e9', '99999999999999999999', 'NaN', 'Infinity', '0x10', ' 7 ', '2023-02-30', '2024-01-01', '31/12/2023', 'newest', 'oldest', 'relevance', 'RELEVANCE', ''),
);

const KNOWN = ['q', 'page', 'limit', 'offset', 'sort', 'source', 'tag', 'from', 'to', 'format'];
const name: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KNOWN) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

/** A whole query string: well-formed pairs, many repeats of one name, or raw broken text. */
const queryString: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.tuple(name, value), { maxLength: 8 }).map((pairs) => new URLSearchParams(pairs).toString()),
  fc
    .tuple(fc.constantFrom(...KNOWN), fc.array(value, { minLength: 20, maxLength: 300 }))
    .map(([repeated, values]) => new URLSearchParams(values.map((item) => [repeated, item])).toString()),
  // Raw: broken percent-encoding, stray separators, brackets.
  fc
    .array(fc.oneof(fc.constantFrom('%', '%%', '%E0%A4%A', '%C0%AF', '%FF', '%00', '%ZZ', '&', '=', '&&', '==', '?', '+', 'q=', 'q[]=', 'source=', 'tag=', 'page=', '%u0041', '#'), fc.string({ maxLength: 10 })), { maxLength: 60 })
    .map((parts) => parts.join('')),
);

/** Percent-encodes any string; lone surrogates, which no URL can carry, become U+FFFD first. */
const encode = (text: string): string => encodeURIComponent(text.replace(/\p{Cs}/gu, '\ufffd'));

/** An article id as a client might send one: known, random, hostile, encoded or not. */
const articleId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('ledger-heatwave', 'hostile-script', 'nope', '..', '.', '%2e%2e', '%2F', '%00', '~', 'a~b~c'),
  fc.string({ unit: 'binary', maxLength: 60 }).map(encode),
  value.map((text) => encode(text.slice(0, 2000))),
);

/** Raw text may hold characters a URL cannot; the URL parser percent-encodes or drops them. */
function url(path: string, query: string): string {
  return query === '' ? path : `${path}?${query}`;
}

async function expectAnswered(path: string, headers: Record<string, string> = {}): Promise<void> {
  const started = performance.now();
  const response = await app.request(path, { headers });
  const body = await response.arrayBuffer();
  const elapsed = performance.now() - started;
  expect(response.status, path.slice(0, 300)).toBeLessThan(500);
  expect(elapsed, path.slice(0, 300)).toBeLessThan(BOUND_MS);
  if (response.status >= 400 && response.headers.get('content-type')?.startsWith('application/json')) {
    expect(JSON.parse(new TextDecoder().decode(body)), path.slice(0, 300)).toEqual({ error: expect.any(String) });
  }
}

describe('adversarial query strings', () => {
  it('never get a 5xx from /search (full and partial), /api/search, /api/suggest or an article, and never hang', async () => {
    await app.request('/search?q=warm+up'); // the first request pays for compilation
    await fc.assert(
      fc.asyncProperty(queryString, articleId, async (query, id) => {
        await expectAnswered(url('/search', query));
        await expectAnswered(url('/search', query), PARTIAL);
        await expectAnswered(url('/api/search', query));
        await expectAnswered(url('/api/suggest', query));
        await expectAnswered(url(`/articles/${id}`, query));
      }),
      { numRuns: 600, seed: SEED },
    );
  }, 60_000);

  it('survive the extremes, each once', async () => {
    const extremes = [
      `q=${'('.repeat(10_000)}`,
      `q=${encodeURIComponent('('.repeat(5000) + 'harbour' + ')'.repeat(5000))}`,
      `q=${encodeURIComponent('NOT '.repeat(3000))}harbour`,
      `q=${encodeURIComponent('"'.repeat(10_000))}`,
      `q=${encodeURIComponent('a* '.repeat(3000))}`,
      `q=${encodeURIComponent('harbour OR '.repeat(1000))}`,
      `q=${'%00'.repeat(5000)}`,
      `q=${'x'.repeat(1_000_000)}`,
      Array.from({ length: 5000 }, (_, i) => `tag=t${i}`).join('&'),
      Array.from({ length: 5000 }, (_, i) => `p${i}=${i}`).join('&'),
      Array.from({ length: 2000 }, () => 'q=harbour').join('&'),
    ];
    for (const query of extremes) {
      await expectAnswered(`/search?${query}`);
      await expectAnswered(`/search?${query}`, PARTIAL);
      await expectAnswered(`/api/search?${query}`);
      await expectAnswered(`/api/suggest?${query}`);
      await expectAnswered(`/articles/ledger-heatwave?${query}`);
    }
  }, 60_000);
});
