import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_NESTING_DEPTH,
  MAX_QUERY_LENGTH,
  MAX_TERMS,
  MIN_TYPING_PREFIX,
  parseQueryString,
} from '../../src/query/parse-query-string.ts';
import type { QueryField, QueryNode } from '../../src/query/query-ast.ts';

const word = (text: string, more: { prefix?: boolean; field?: QueryField } = {}): QueryNode => ({
  type: 'word',
  text,
  prefix: more.prefix ?? false,
  ...(more.field === undefined ? {} : { field: more.field }),
});
const phrase = (text: string, field?: QueryField): QueryNode => ({ type: 'phrase', text, ...(field === undefined ? {} : { field }) });
const and = (...children: QueryNode[]): QueryNode => ({ type: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ type: 'or', children });
const not = (child: QueryNode): QueryNode => ({ type: 'not', child });

/** The tree alone, for input that must parse without a notice. */
function rootOf(input: string, typing = false): QueryNode | undefined {
  const parsed = parseQueryString(input, { typing });
  expect(parsed.notices).toEqual([]);
  return parsed.root;
}

describe('parseQueryString: words', () => {
  it('reads bare words as an implicit AND, and one word as itself', () => {
    expect(rootOf('kim putin')).toEqual(and(word('kim'), word('putin')));
    expect(rootOf('kim')).toEqual(word('kim'));
    expect(rootOf('  kim  ')).toEqual(word('kim'));
  });

  it('keeps inner apostrophes and hyphens, digits, and the text as typed', () => {
    expect(rootOf("O'Brien well-known don’t 2023 COVID-19")).toEqual(
      and(word("O'Brien"), word('well-known'), word('don’t'), word('2023'), word('COVID-19')),
    );
  });

  it('treats other punctuation, trailing hyphens and apostrophes as separators', () => {
    expect(rootOf('kim, putin!')).toEqual(and(word('kim'), word('putin')));
    expect(rootOf("kims' 'tis kim- a--b")).toEqual(and(word('kims'), word('tis'), word('kim'), word('a'), word('b')));
    expect(rootOf('10:30 https://example.com/a_b')).toEqual(
      and(word('10'), word('30'), word('https'), word('example'), word('com'), word('a'), word('b')),
    );
  });

  it('keeps unicode letters and combining marks', () => {
    expect(rootOf('Zürich 東京 naïve')).toEqual(and(word('Zürich'), word('東京'), word('naïve')));
    expect(rootOf('cafe\u0301 𝒳y')).toEqual(and(word('cafe\u0301'), word('𝒳y')));
  });

  it('reads lowercase operators as words and drops uppercase AND', () => {
    expect(rootOf('war and peace or not')).toEqual(and(word('war'), word('and'), word('peace'), word('or'), word('not')));
    expect(rootOf('kim AND putin')).toEqual(and(word('kim'), word('putin')));
    expect(rootOf('AND')).toBeUndefined();
  });

  it('treats control characters and NUL as separators', () => {
    expect(rootOf('kim\u0000putin\u0007x\ty')).toEqual(and(word('kim'), word('putin'), word('x'), word('y')));
  });

  it('has no root when there is nothing to search for', () => {
    for (const input of ['', '   ', '!?,.;', '*', '( )', 'AND AND', '()']) expect(rootOf(input)).toBeUndefined();
  });
});

describe('parseQueryString: operators', () => {
  it('reads a quoted phrase, smart quotes included', () => {
    expect(rootOf('"kim putin" summit')).toEqual(and(phrase('kim putin'), word('summit')));
    expect(rootOf('“kim  putin”')).toEqual(phrase('kim putin'));
    expect(rootOf('"one"')).toEqual(phrase('one'));
  });

  it('excludes with -word, -"phrase", -(group) and NOT', () => {
    expect(rootOf('kim -putin')).toEqual(and(word('kim'), not(word('putin'))));
    expect(rootOf('kim -"vladimir putin"')).toEqual(and(word('kim'), not(phrase('vladimir putin'))));
    expect(rootOf('kim NOT putin')).toEqual(and(word('kim'), not(word('putin'))));
    expect(rootOf('-(a OR b)')).toEqual(not(or(word('a'), word('b'))));
    expect(rootOf('NOT(a b)')).toEqual(not(and(word('a'), word('b'))));
  });

  it('reads a dash inside a word or text as no operator', () => {
    expect(rootOf('well-known')).toEqual(word('well-known'));
    expect(rootOf('Brexit - what next')).toEqual(and(word('Brexit'), word('what'), word('next')));
  });

  it('cancels a double negation written in one run, and reads words right after - as words', () => {
    expect(rootOf('NOT NOT a')).toEqual(word('a'));
    expect(rootOf('NOT -a')).toEqual(word('a'));
    expect(rootOf('--a')).toEqual(not(word('a')));
    expect(rootOf('-OR -NOT')).toEqual(and(not(word('OR')), not(word('NOT'))));
  });

  it('reads OR and | between terms', () => {
    expect(rootOf('kim OR putin')).toEqual(or(word('kim'), word('putin')));
    expect(rootOf('a | b || c')).toEqual(or(word('a'), word('b'), word('c')));
    expect(rootOf('a OR -b')).toEqual(or(word('a'), not(word('b'))));
  });

  it('binds OR tighter than the implicit AND, and NOT tighter than OR', () => {
    expect(rootOf('a b OR c')).toEqual(and(word('a'), or(word('b'), word('c'))));
    expect(rootOf('a OR b c')).toEqual(and(or(word('a'), word('b')), word('c')));
    expect(rootOf('a OR b c OR d')).toEqual(and(or(word('a'), word('b')), or(word('c'), word('d'))));
    expect(rootOf('(a OR b) -c')).toEqual(and(or(word('a'), word('b')), not(word('c'))));
    expect(rootOf('-a OR b')).toEqual(or(not(word('a')), word('b')));
  });

  it('groups with parentheses and flattens nested groups of the same kind', () => {
    expect(rootOf('(a b) OR c')).toEqual(or(and(word('a'), word('b')), word('c')));
    expect(rootOf('a (b c)')).toEqual(and(word('a'), word('b'), word('c')));
    expect(rootOf('(a OR b) OR (c OR d)')).toEqual(or(word('a'), word('b'), word('c'), word('d')));
    expect(rootOf('((a))')).toEqual(word('a'));
  });

  it('keeps a query of only exclusions as is', () => {
    expect(rootOf('-kim')).toEqual(not(word('kim')));
    expect(rootOf('-kim -putin')).toEqual(and(not(word('kim')), not(word('putin'))));
  });
});

describe('parseQueryString: fields and prefixes', () => {
  it('limits words and phrases to a field, the name case-insensitive, tags: as tag:', () => {
    expect(rootOf('title:summit source:Reuters tag:climate')).toEqual(
      and(word('summit', { field: 'title' }), word('Reuters', { field: 'source' }), word('climate', { field: 'tag' })),
    );
    expect(rootOf('TITLE:Summit Tags:eu')).toEqual(and(word('Summit', { field: 'title' }), word('eu', { field: 'tag' })));
    expect(rootOf('source:"time news"')).toEqual(phrase('time news', 'source'));
    expect(rootOf('-source:tabloid')).toEqual(not(word('tabloid', { field: 'source' })));
  });

  it('applies a field to every word and phrase of a group, a closer field winning', () => {
    expect(rootOf('title:(a OR b)')).toEqual(or(word('a', { field: 'title' }), word('b', { field: 'title' })));
    expect(rootOf('title:(a "b c" -source:d)')).toEqual(
      and(word('a', { field: 'title' }), phrase('b c', 'title'), not(word('d', { field: 'source' }))),
    );
  });

  it('reads word* as a prefix and ignores a lone *', () => {
    expect(rootOf('putin* kim')).toEqual(and(word('putin', { prefix: true }), word('kim')));
    expect(rootOf('title:sum*')).toEqual(word('sum', { prefix: true, field: 'title' }));
    expect(rootOf('* kim *')).toEqual(word('kim'));
    expect(rootOf('"kim jong"*')).toEqual(phrase('kim jong'));
  });
});

describe('parseQueryString: typing', () => {
  it('exports the minimum prefix length', () => {
    expect(MIN_TYPING_PREFIX).toBe(3);
  });

  it('makes the last word a prefix while typing, from 3 characters on', () => {
    expect(rootOf('kim put', true)).toEqual(and(word('kim'), word('put', { prefix: true })));
    expect(rootOf('kim pu', true)).toEqual(and(word('kim'), word('pu')));
    expect(rootOf('東京都', true)).toEqual(word('東京都', { prefix: true }));
    expect(rootOf('source:reu', true)).toEqual(word('reu', { prefix: true, field: 'source' }));
  });

  it('makes nothing a prefix when the last word is finished, quoted or excluded', () => {
    expect(rootOf('kim put ', true)).toEqual(and(word('kim'), word('put')));
    expect(rootOf('kim put,', true)).toEqual(and(word('kim'), word('put')));
    expect(rootOf('(kim put)', true)).toEqual(and(word('kim'), word('put')));
    expect(rootOf('"kim put"', true)).toEqual(phrase('kim put'));
    expect(rootOf('kim -put', true)).toEqual(and(word('kim'), not(word('put'))));
    expect(rootOf('kim NOT put', true)).toEqual(and(word('kim'), not(word('put'))));
    expect(parseQueryString('-(a put', { typing: true }).root).toEqual(not(and(word('a'), word('put'))));
  });

  it('makes only explicit word* a prefix when not typing', () => {
    expect(rootOf('kim put')).toEqual(and(word('kim'), word('put')));
  });

  it('does not make a word inside an unclosed phrase a prefix', () => {
    expect(parseQueryString('"kim put', { typing: true }).root).toEqual(phrase('kim put'));
  });

  it('prefixes the last word inside an unclosed group or after a double negation', () => {
    expect(parseQueryString('(a OR put', { typing: true }).root).toEqual(or(word('a'), word('put', { prefix: true })));
    expect(rootOf('NOT -put', true)).toEqual(word('put', { prefix: true }));
  });
});

describe('parseQueryString: lenient reading of malformed input', () => {
  it('runs an unclosed phrase to the end, and drops an empty unclosed quote silently', () => {
    expect(parseQueryString('summit "kim putin')).toEqual({
      root: and(word('summit'), phrase('kim putin')),
      notices: ['The closing quote was missing, so "kim putin" was read as a phrase.'],
    });
    expect(parseQueryString('kim "')).toEqual({ root: word('kim'), notices: [] });
    expect(parseQueryString('"')).toEqual({ notices: [] });
  });

  it('drops an empty phrase', () => {
    expect(parseQueryString('kim "" putin')).toEqual({
      root: and(word('kim'), word('putin')),
      notices: ['An empty phrase "" was ignored.'],
    });
    expect(parseQueryString('" !? "')).toEqual({ notices: ['An empty phrase "" was ignored.'] });
  });

  it('closes an unclosed parenthesis at the end', () => {
    expect(parseQueryString('(a OR b c')).toEqual({
      root: and(or(word('a'), word('b')), word('c')),
      notices: ['A closing parenthesis was missing, so the group was closed at the end.'],
    });
    expect(parseQueryString('-(a b')).toEqual({
      root: not(and(word('a'), word('b'))),
      notices: ['A closing parenthesis was missing, so the group was closed at the end.'],
    });
  });

  it('ignores a stray closing parenthesis', () => {
    expect(parseQueryString('a) b')).toEqual({
      root: and(word('a'), word('b')),
      notices: ['An unmatched ")" was ignored.'],
    });
    expect(parseQueryString(')')).toEqual({ notices: ['An unmatched ")" was ignored.'] });
  });

  it('ignores a - or NOT with nothing after it', () => {
    expect(parseQueryString('kim -')).toEqual({
      root: word('kim'),
      notices: ['"-" had nothing after it to exclude, so it was ignored.'],
    });
    expect(parseQueryString('kim NOT')).toEqual({
      root: word('kim'),
      notices: ['"NOT" had nothing after it to exclude, so it was ignored.'],
    });
    expect(parseQueryString('(kim NOT) putin')).toEqual({
      root: and(word('kim'), word('putin')),
      notices: ['"NOT" had nothing after it to exclude, so it was ignored.'],
    });
    expect(parseQueryString('NOT')).toEqual({ notices: ['"NOT" had nothing after it to exclude, so it was ignored.'] });
  });

  it('ignores OR at the start, at the end or doubled', () => {
    const notices = ['"OR" needs something on both sides, so it was ignored.'];
    expect(parseQueryString('OR kim')).toEqual({ root: word('kim'), notices });
    expect(parseQueryString('kim OR')).toEqual({ root: word('kim'), notices });
    expect(parseQueryString('kim OR OR putin')).toEqual({ root: or(word('kim'), word('putin')), notices });
    expect(parseQueryString('(OR a) | ')).toEqual({ root: word('a'), notices });
    expect(parseQueryString('OR')).toEqual({ notices });
  });

  it('ignores a field with no value', () => {
    expect(parseQueryString('title: summit')).toEqual({
      root: word('summit'),
      notices: ['"title:" had nothing right after it, so it was ignored.'],
    });
    expect(parseQueryString('kim Source:')).toEqual({
      root: word('kim'),
      notices: ['"Source:" had nothing right after it, so it was ignored.'],
    });
  });

  it('searches an unknown field as words, with a notice only when it looks like a field', () => {
    expect(parseQueryString('foo:bar')).toEqual({
      root: and(word('foo'), word('bar')),
      notices: ['Unknown field "foo:" was searched as words.'],
    });
    expect(parseQueryString('author:"jane doe"')).toEqual({
      root: and(word('author'), phrase('jane doe')),
      notices: ['Unknown field "author:" was searched as words.'],
    });
    expect(rootOf('Update: talks resume at 10:30')).toEqual(
      and(word('Update'), word('talks'), word('resume'), word('at'), word('10'), word('30')),
    );
  });

  it('cuts very long input before parsing', () => {
    expect(MAX_QUERY_LENGTH).toBe(1000);
    const parsed = parseQueryString(`${'x'.repeat(MAX_QUERY_LENGTH + 250)}`, { typing: true });
    expect(parsed.root).toEqual(word('x'.repeat(MAX_QUERY_LENGTH)));
    expect(parsed.notices).toEqual(['The query was longer than 1000 characters, so only the first 1000 were searched.']);
  });

  it('counts the cut in characters, not UTF-16 units', () => {
    const parsed = parseQueryString('𝒳'.repeat(MAX_QUERY_LENGTH + 250));
    expect(parsed.root).toEqual(word('𝒳'.repeat(MAX_QUERY_LENGTH)));
    expect(parsed.notices).toEqual(['The query was longer than 1000 characters, so only the first 1000 were searched.']);
    expect(parseQueryString('𝒳'.repeat(MAX_QUERY_LENGTH)).notices).toEqual([]);
  });

  it('flattens parentheses nested deeper than the cap', () => {
    const nested = (n: number, inner: string) => `${'('.repeat(n)}${inner}${')'.repeat(n)}`;
    expect(rootOf(nested(MAX_NESTING_DEPTH, 'a OR b'))).toEqual(or(word('a'), word('b')));
    expect(parseQueryString(`${nested(MAX_NESTING_DEPTH + 1, 'a OR b')} c`)).toEqual({
      root: and(or(word('a'), word('b')), word('c')),
      notices: ['Parentheses nested deeper than 32 levels were flattened.'],
    });
    expect(parseQueryString(nested(400, 'a')).root).toEqual(word('a'));
  });

  it('keeps only the first terms of a very long query', () => {
    expect(MAX_TERMS).toBe(64);
    const words = Array.from({ length: MAX_TERMS + 10 }, (_, i) => `w${i}`);
    const parsed = parseQueryString(words.join(' '));
    expect(parsed.root).toEqual(and(...words.slice(0, MAX_TERMS).map((text) => word(text))));
    expect(parsed.notices).toEqual(['Only the first 64 words and phrases were searched.']);
  });
});

// ---- properties ----

const FIELDS: readonly string[] = ['title', 'source', 'tag'];
/** Deep enough for 32 groups, each of which can add an AND, an OR and a NOT. */
const MAX_TREE_DEPTH = 3 * (MAX_NESTING_DEPTH + 1) + 1;

/** Asserts the tree is one the rest of the engine can trust; returns its number of terms. */
function expectWellFormed(node: QueryNode, depth = 1): number {
  expect(depth).toBeLessThanOrEqual(MAX_TREE_DEPTH);
  switch (node.type) {
    case 'word':
      expect(Object.keys(node).every((key) => ['type', 'text', 'prefix', 'field'].includes(key))).toBe(true);
      expect(node.text).toMatch(/^[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*$/u);
      expect(typeof node.prefix).toBe('boolean');
      if (node.field !== undefined) expect(FIELDS).toContain(node.field);
      return 1;
    case 'phrase':
      expect(node.text).toBe(node.text.trim());
      expect(node.text).toMatch(/[\p{L}\p{N}\p{M}]/u);
      if (node.field !== undefined) expect(FIELDS).toContain(node.field);
      return 1;
    case 'not':
      expect(node.child).toBeTypeOf('object');
      return expectWellFormed(node.child, depth + 1);
    case 'and':
    case 'or': {
      expect(node.children.length).toBeGreaterThanOrEqual(2);
      let terms = 0;
      for (const child of node.children) {
        expect(child.type).not.toBe(node.type); // same-kind nesting is flattened
        terms += expectWellFormed(child, depth + 1);
      }
      return terms;
    }
    default:
      throw new Error(`unknown node ${JSON.stringify(node)}`);
  }
}

/** Parses within the time bound (against hangs, not a benchmark) into a well-formed result. */
function expectParsesSafely(input: string, typing: boolean): void {
  const started = performance.now();
  const parsed = parseQueryString(input, { typing });
  expect(performance.now() - started).toBeLessThan(50);
  expect(Array.isArray(parsed.notices)).toBe(true);
  for (const notice of parsed.notices) expect(notice).toMatch(/^\S.*\.$/s);
  if (parsed.root !== undefined) expect(expectWellFormed(parsed.root)).toBeLessThanOrEqual(MAX_TERMS);
  for (const text of wordsOf(parsed.root)) expect(input).toContain(text); // as typed, nothing invented
}

function wordsOf(node: QueryNode | undefined): string[] {
  if (node === undefined || node.type === 'phrase') return [];
  if (node.type === 'word') return [node.text];
  if (node.type === 'not') return wordsOf(node.child);
  return node.children.flatMap(wordsOf);
}

const operatorSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom('(', ')', '"', '“', '-', '--', 'OR', 'NOT', 'AND', '|', '*', 'title:', 'Tags:', 'foo:', ':', ' ', ' ', '\u0000', "'"),
      fc.constantFrom('kim', 'putin', 'Zürich', '東京', "O'Brien", 'well-known', '2023', 'a', 'or'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
    ),
    { maxLength: 3000 },
  )
  .map((parts) => parts.join(''));

const deepNesting = fc
  .tuple(
    fc.integer({ min: 1, max: 10_000 }),
    fc.constantFrom('(', '-(', 'NOT (', 'title:(', '(a OR ', 'NOT ', '-', '"', ')', 'OR ', '(a '),
    fc.constantFrom('', 'a', 'a b', ')'.repeat(500)),
  )
  .map(([count, unit, tail]) => `${unit.repeat(count)}${tail}`.slice(0, 10_000));

describe('parseQueryString: properties', () => {
  it('parses any string safely: total, fast and well-formed', () => {
    parseQueryString('warm up (the "JIT") OR -not'); // the first call pays for compilation
    const anyString = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 2000 }),
      fc.string({ unit: 'binary-ascii', maxLength: 10_000 }),
      fc.string({ unit: 'grapheme', maxLength: 500 }),
      operatorSoup,
      deepNesting,
    );
    fc.assert(
      fc.property(anyString, fc.boolean(), (input, typing) => expectParsesSafely(input, typing)),
      { numRuns: 1000 },
    );
  });

  it('gives back the tree a well-formed query was written from', () => {
    const text = fc.oneof(fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.constantFrom('zürich', '東京', "o'brien", 'well-known'));
    const field = fc.option(fc.constantFrom<QueryField>('title', 'source', 'tag'), { nil: undefined });
    const { node } = fc.letrec<{ node: QueryNode; leaf: QueryNode; and: QueryNode; or: QueryNode; not: QueryNode }>((tie) => ({
      node: fc.oneof({ maxDepth: 3, depthIdentifier: 'query' }, tie('leaf'), tie('and'), tie('or'), tie('not')),
      leaf: fc.oneof(
        fc.record({ text, prefix: fc.boolean(), field }).map((w) => word(w.text, w)),
        fc.record({ words: fc.array(text, { minLength: 1, maxLength: 3 }), field }).map((p) => phrase(p.words.join(' '), p.field)),
      ),
      and: fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((children) => and(...children)),
      or: fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((children) => or(...children)),
      not: tie('node').map(not),
    }));
    fc.assert(
      fc.property(node, (tree) => {
        expect(parseQueryString(writeQuery(tree))).toEqual({ root: flattenSameKind(tree), notices: [] });
      }),
      { numRuns: 500 },
    );
  });
});

/** Writes a tree in the query language, with parentheses only where precedence needs them and around nested groups of the same kind. */
function writeQuery(node: QueryNode): string {
  const fieldOf = (field: QueryField | undefined) => (field === undefined ? '' : `${field}:`);
  const grouped = (child: QueryNode, bare: readonly string[]) =>
    bare.includes(child.type) ? writeQuery(child) : `(${writeQuery(child)})`;
  switch (node.type) {
    case 'word':
      return `${fieldOf(node.field)}${node.text}${node.prefix ? '*' : ''}`;
    case 'phrase':
      return `${fieldOf(node.field)}"${node.text}"`;
    case 'not':
      return `-${grouped(node.child, ['word', 'phrase'])}`;
    case 'and':
      return node.children.map((child) => grouped(child, ['word', 'phrase', 'not', 'or'])).join(' ');
    case 'or':
      return node.children.map((child) => grouped(child, ['word', 'phrase', 'not'])).join(' OR ');
  }
}

/** The tree the parser is expected to give: an AND directly in an AND (or OR in OR) merged into it. */
function flattenSameKind(node: QueryNode): QueryNode {
  if (node.type === 'not') return not(flattenSameKind(node.child));
  if (node.type !== 'and' && node.type !== 'or') return node;
  const children = node.children.map(flattenSameKind).flatMap((child) => (child.type === node.type ? child.children : [child]));
  return { type: node.type, children };
}
