import { describe, expect, it } from 'vitest';
import { ARTICLES } from '../fixtures/server/articles.ts';
import { QUERY_LANGUAGE_ARTICLES } from '../fixtures/server/query-language-articles.ts';
import { clientFor, hitIds, paramsOf, type Page } from './helpers.ts';

/*
 * The query language as people meet it: through /search and /api/search. Assertions are on
 * which articles come back, in which order, and on the text the page shows; never on scores.
 *
 * The search box searches as you type, so the last word of a query is also read as a prefix.
 * A trailing space says the word is finished (as it does in the box); queries that test how a
 * whole word is matched end with one.
 */
const { getPage, getJson } = clientFor([...ARTICLES, ...QUERY_LANGUAGE_ARTICLES]);

const search = (q: string, more = '') => getPage(`/search?q=${encodeURIComponent(q)}${more}`);
const ids = async (q: string, more = '') => hitIds(await search(q, more));
const sortedIds = async (q: string, more = '') => (await ids(q, more)).sort();
/** The notes above the results: how the engine read the query, and what it did about it. */
const notes = (page: Page) => page.texts('#results .note');
const marks = (page: Page, selector: string) => page.texts(`${selector} mark`);
/** The `/api/search` hits' ids, in order. */
const apiIds = async (q: string) => {
  const { status, body } = await getJson(`/api/search?q=${encodeURIComponent(q)}`);
  expect(status, q).toBe(200);
  return (body.hits as { id: string }[]).map((hit) => hit.id);
};

describe('phrases', () => {
  it('match only where the words stand side by side, in order', async () => {
    expect(await ids('"state of the union"')).toEqual(['ql-address-phrase']);
    // The same words apart match as words.
    expect(await sortedIds('state union ')).toEqual(['ql-address-phrase', 'ql-rail-union']);
    expect(await ids('"union of the state"')).toEqual([]);
  });

  it('are marked as one highlight in the title and the snippet', async () => {
    const page = await search('"state of the union"');
    expect(marks(page, '.hit-title')).toEqual(['state of the union']);
    expect(marks(page, '.hit-snippet')).toEqual(['state of the union']);
    const { body } = await getJson(`/api/search?q=${encodeURIComponent('"state of the union"')}`);
    expect(body.hits[0].snippet).toContain('<mark>state of the union</mark>');
    expect(body.hits[0].snippet.match(/<mark>/g)).toHaveLength(1);
  });

  it('read an unclosed quote as a phrase to the end, say so, and still find it', async () => {
    const page = await search('"state of the union');
    expect(notes(page)).toContain('The closing quote was missing, so "state of the union" was read as a phrase.');
    expect(hitIds(page)).toEqual(['ql-address-phrase']);
    expect(page.one('#q').getAttribute('value')).toBe('"state of the union');
  });
});

describe('exclusions', () => {
  it('leave out articles with a word: -word and NOT word', async () => {
    expect(await sortedIds('union ')).toEqual(['ql-address-phrase', 'ql-rail-union']);
    expect(await ids('union -rail')).toEqual(['ql-address-phrase']);
    expect(await ids('union NOT rail')).toEqual(['ql-address-phrase']);
    // An excluded word is not a prefix while typing: -rai leaves out nothing.
    expect(await sortedIds('union -rai')).toEqual(['ql-address-phrase', 'ql-rail-union']);
  });

  it('leave out articles with a phrase, and only those', async () => {
    expect(await ids('union -"state of the union"')).toEqual(['ql-rail-union']);
    // "rail union" is in the other article, so nothing else goes.
    expect(await ids('union -"union rail"')).toEqual(expect.arrayContaining(['ql-address-phrase', 'ql-rail-union']));
  });

  it('are not highlighted', async () => {
    const page = await search('state -rail');
    expect(hitIds(page)).toEqual(['ql-address-phrase']);
    expect(marks(page, '.hit').every((text) => !/rail/i.test(text))).toBe(true);
  });
});

describe('OR and parentheses', () => {
  it('finds either word with OR', async () => {
    expect(await sortedIds('zurich OR wedding')).toEqual(['ql-toasts-plural', 'ql-zurich-tram']);
    expect(await sortedIds('zurich | wedding')).toEqual(['ql-toasts-plural', 'ql-zurich-tram']);
  });

  it('binds OR tighter than the words around it', async () => {
    // toasts AND (wedding OR zurich): only the wedding has toasts.
    expect(await ids('toasts wedding OR zurich')).toEqual(['ql-toasts-plural']);
  });

  it('groups with parentheses, for exclusions and alternatives', async () => {
    expect(await sortedIds('(toast OR zurich) -wedding')).toEqual(['ql-toast-singular', 'ql-zurich-tram']);
    expect(await ids('union -(rail OR governor)')).toEqual(['ql-address-phrase']);
    expect(await sortedIds('state (rail OR bridge)')).toEqual(['ql-address-phrase', 'ql-rail-union']);
  });
});

describe('fields', () => {
  it('title: looks in headlines only', async () => {
    expect(await sortedIds('budget ')).toEqual(['ledger-budget-2020', 'ledger-budget-2024', 'ql-rail-union']);
    expect(await sortedIds('title:budget')).toEqual(['ledger-budget-2020', 'ledger-budget-2024']);
    expect(await sortedIds('title:"state of the union"')).toEqual(['ql-address-phrase']);
  });

  it('source: takes a word or a quoted name', async () => {
    expect(await sortedIds('capital ')).toEqual(['ql-address-phrase', 'ql-observatory', 'ql-toasts-plural']);
    expect(await sortedIds('source:capital')).toEqual(['ql-address-phrase', 'ql-toasts-plural']);
    expect(await sortedIds('source:"capital times"')).toEqual(['ql-address-phrase', 'ql-toasts-plural']);
    expect(await ids('source:"times capital"')).toEqual([]);
    expect(await ids('source:"capital times" wedding')).toEqual(['ql-toasts-plural']);
  });

  it('tag: takes a word or a quoted tag', async () => {
    expect(await ids('tag:politics')).toEqual(['ql-address-phrase']);
    expect(await ids('tag:"local politics"')).toEqual(['ql-address-phrase']);
    expect(await sortedIds('tag:community')).toEqual(['ql-toast-singular', 'ql-toasts-plural']);
    expect(await sortedIds('tags:weather')).toEqual(['gazette-storm-quay', 'ledger-heatwave']);
  });

  it('a field applies to a whole group', async () => {
    expect(await sortedIds('title:(zurich OR wedding)')).toEqual(['ql-toasts-plural', 'ql-zurich-tram']);
  });
});

describe('prefixes', () => {
  it('word* finds words that begin so, and marks them', async () => {
    const page = await search('volunt* town');
    expect(hitIds(page)).toEqual(['ql-toast-singular']);
    expect(marks(page, '.hit-title')).toEqual(['Volunteers', 'town']);
  });

  it('reads the last word as a prefix while typing', async () => {
    expect(await ids('observat')).toEqual(['ql-observatory']);
    // Short beginnings are not prefixes: "ob" is a word of its own.
    expect(await ids('ob')).toEqual([]);
  });
});

describe('word forms and accents', () => {
  it('finds other forms of a word, the form typed first', async () => {
    expect(await ids('toasts ')).toEqual(['ql-toasts-plural', 'ql-toast-singular']);
    // Here the singular is older, so recency is not what puts it first.
    expect(await ids('harvest ')).toEqual(['ql-harvest-singular', 'ql-harvests-plural']);
    const page = await search('toasts ');
    expect(marks(page, '.hit-snippet')).toEqual(['toasts', 'toast']);
  });

  it('finds other forms of a word inside a query too', async () => {
    // Only the singular article has both words; the plural one follows as a partial match.
    const page = await search('toasts volunteers');
    expect(hitIds(page)[0]).toBe('ql-toast-singular');
    expect(notes(page)).toContain('Only 1 article has all of your words; below, articles with some of them.');
  });

  it('folds accents both ways and marks the word as written', async () => {
    for (const q of ['zurich', 'Zurich', 'ZURICH', 'Zürich', 'zürich ']) {
      const page = await search(q);
      expect(hitIds(page), q).toEqual(['ql-zurich-tram']);
      expect(marks(page, '.hit-title'), q).toEqual(['Zürich']);
    }
    const cafe = await search('cafe owners');
    expect(hitIds(cafe)).toEqual(['ql-zurich-tram']);
    expect(marks(cafe, '.hit-snippet')).toEqual(['café', 'owners']);
  });
});

describe('when not every word matches', () => {
  it('says how many articles have all the words, and lists them first', async () => {
    const one = await search('harbour lighthouse');
    expect(notes(one)).toContain('Only 1 article has all of your words; below, articles with some of them.');
    expect(hitIds(one)[0]).toBe('undated-letter');
    expect(hitIds(one).length).toBeGreaterThan(1);

    const two = await search('quay harbour');
    expect(notes(two)).toContain('Only 2 articles have all of your words; below, articles with some of them.');
    expect(hitIds(two).slice(0, 2).sort()).toEqual(['gazette-storm-quay', 'ledger-harbour-expansion']);
  });

  it('says when no article has all the words, and shows those with some', async () => {
    const page = await search('ferry zebra');
    expect(notes(page)).toEqual(['No article has all of your words; showing articles with some of them.']);
    expect(hitIds(page)).toEqual(['gazette-ferry-timetable']);
  });

  it('says nothing when every result has all the words', async () => {
    expect(notes(await search('ferry timetable'))).toEqual([]);
    expect(notes(await search('"state of the union" president'))).toEqual([]);
  });

  it('shows the notices in the fragment that updates the results while typing', async () => {
    const page = await getPage(`/search?q=${encodeURIComponent('ferry zebra')}`, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect(page.html).not.toMatch(/<html/);
    expect(page.texts('.note')).toEqual(['No article has all of your words; showing articles with some of them.']);
  });
});

describe('close spellings', () => {
  it('finds a long word misspelt, says so, and offers the spelling', async () => {
    const page = await search('observatary ');
    expect(hitIds(page)).toEqual(['ql-observatory']);
    expect(notes(page)).toContain('Some results match close spellings of your words.');
    const link = page.one('.did-you-mean a');
    expect(link.textContent?.trim()).toBe('observatory');
    expect(paramsOf(link.getAttribute('href')!).get('q')?.trim()).toBe('observatory');
  });

  it('does not respell a word that matches as written', async () => {
    expect(notes(await search('observatory '))).toEqual([]);
  });
});

describe('input the engine has to read leniently', () => {
  const MALFORMED = [
    '"',
    '""',
    '(((',
    ')))',
    '-',
    '- -',
    'NOT',
    'OR',
    'OR harbour OR',
    'harbour OR OR quay',
    'title:',
    'source:""',
    'tag:',
    '*',
    '**harbour',
    '-"',
    'harbour (quay',
    '((harbour OR quay) -storm',
    'NOT NOT NOT harbour',
    '-(-(-harbour))',
    'title:(harbour OR',
    'a* b* c*',
    'OR AND NOT',
    '\u0000harbour\u0007',
    '💥 harbour 💥',
    `${'('.repeat(200)}harbour`,
    'harbour '.repeat(300),
    '"'.repeat(1001),
    'x'.repeat(5000),
  ];

  it('never fails: the page and the API answer 200 for any query string', async () => {
    for (const q of MALFORMED) {
      const page = await search(q);
      expect(page.status, JSON.stringify(q).slice(0, 60)).toBe(200);
      expect(page.all('#results [role="alert"]'), q.slice(0, 60)).toHaveLength(0);
      const { status, body } = await getJson(`/api/search?q=${encodeURIComponent(q)}`);
      expect(status, q.slice(0, 60)).toBe(200);
      expect(Array.isArray(body.hits)).toBe(true);
      expect(typeof body.total).toBe('number');
    }
  });

  it('tells what it ignored', async () => {
    expect(notes(await search('harbour)'))).toContain('An unmatched ")" was ignored.');
    expect(notes(await search('harbour (quay'))).toContain('A closing parenthesis was missing, so the group was closed at the end.');
    expect(notes(await search('OR harbour'))).toContain('"OR" needs something on both sides, so it was ignored.');
    expect(notes(await search('harbour title:'))).toContain('"title:" had nothing right after it, so it was ignored.');
    expect(notes(await search('harbour -'))).toContain('"-" had nothing after it to exclude, so it was ignored.');
    // Still searched for what was there.
    expect((await ids('harbour (quay')).slice(0, 2).sort()).toEqual(['gazette-storm-quay', 'ledger-harbour-expansion']);
  });

  it('keeps hostile text in notices as text', async () => {
    const page = await search('"<script>alert(1)</script>');
    expect(page.html).not.toContain('<script>alert(1)</script>');
    expect(notes(page).join(' ')).toContain('<script>alert(1)</script>');
  });
});

describe('/api/search speaks the same language', () => {
  it('orders hits as the page does', async () => {
    for (const q of ['"state of the union"', 'toasts ', 'harvest ', 'union -rail', 'zurich OR wedding', 'title:budget', 'source:"capital times"', 'volunt*', 'harbour lighthouse']) {
      expect(await apiIds(q), q).toEqual(await ids(q));
    }
  });

  it('answers phrases, exclusions and fields', async () => {
    expect(await apiIds('"state of the union"')).toEqual(['ql-address-phrase']);
    expect(await apiIds('union -"state of the union"')).toEqual(['ql-rail-union']);
    expect((await apiIds('tag:community')).sort()).toEqual(['ql-toast-singular', 'ql-toasts-plural']);
    expect(await apiIds('toasts ')).toEqual(['ql-toasts-plural', 'ql-toast-singular']);
  });
});

describe('as-you-type words, close spellings and filtered counts', () => {
  it('matches the word being typed as a whole word too, not only as a prefix', async () => {
    // "the last word then also matches as a prefix": typing `toasts` should still find `toast`.
    expect(await ids('toasts')).toEqual(['ql-toasts-plural', 'ql-toast-singular']);
  });

  it('finds a close spelling of one word among others that match as written', async () => {
    // ql-observatory has "observatory" and "dome", yet this is reported as having only some words.
    const page = await search('observatary dome ');
    expect(notes(page)).toContain('Some results match close spellings of your words.');
    expect(notes(page).join(' ')).not.toContain('No article has all of your words');
  });

  it('counts the articles with all the words within the active filters', async () => {
    // None of the Harbour Gazette's articles mentions the lighthouse; the one that does has no source.
    const page = await search('harbour lighthouse', '&source=Harbour+Gazette');
    expect(hitIds(page).length).toBeGreaterThan(0);
    expect(notes(page)).not.toContain('Only 1 article has all of your words; below, articles with some of them.');
  });
});
