import type { Library } from '../library.ts';
import type { HelpPageModel } from '../../views/help-page.tsx';
import type { SearchTipModel } from '../../views/search-model.ts';
import { blankRequest, searchHref } from './search-links.ts';

/** Newest headlines whose words may stand in for example words the archive does not use. */
const HEADLINES = 20;
/** Searches tried per example. Each is run once per library, then remembered. */
const MAX_TRIES = 6;
/** Small words that make poor examples. */
const STOP_WORDS = new Set(
  (
    'about after again also against amid before being between could does down from have into just more most much only other ' +
    'over said says some than that their them then there these they this those under upon very were what when where which ' +
    'while will with would your'
  ).split(' '),
);

const cache = new WeakMap<Library, SearchTipModel[]>();

/** `GET /help`: the search tips on a page of their own. */
export function buildHelpPage(library: Library): HelpPageModel {
  return { tips: searchTips(library) };
}

/** A candidate example, and whether it may find articles only through the engine's fallback. */
interface Candidate {
  q: string;
  /**
   * Words taken together from one headline are known to share an article, so a small archive
   * that widens the search (fewer than ten strict matches) still shows them first.
   */
  mayWiden?: boolean;
}

/**
 * One line per operator of the query language, each with an example search as a link. The
 * operators are fixed text; the examples are tried against this archive (a few general news
 * searches first, then words from its own headlines, tags and sources) and the first that
 * finds articles as written is shown, so an example never leads to an empty page.
 * Worked out once per library: a rebuilt index is a new library.
 */
export function searchTips(library: Library): SearchTipModel[] {
  let tips = cache.get(library);
  if (tips === undefined) {
    tips = buildTips(library);
    cache.set(library, tips);
  }
  return tips;
}

function buildTips(library: Library): SearchTipModel[] {
  const stats = library.stats();
  const headlines = newestHeadlines(library).map(headlineWords);
  // Two words of one headline, side by side or not; then single words from headlines and tags.
  const adjacent = headlines.flatMap((words) => firstAdjacentPair(words) ?? []);
  const together = headlines.flatMap((words) => (words.length >= 2 ? [[words[0]!.word, words.at(words.length >= 3 ? 2 : 1)!.word] as const] : []));
  const headlineTerms = distinct(headlines.flatMap((words) => words.map((entry) => entry.word)));
  const tagTerms = stats.topTags.map((tag) => tag.value).filter(isPlainWord).map((tag) => tag.toLowerCase());
  const terms = distinct([...tagTerms, ...headlineTerms]);
  // Words from different headlines, for OR and exclusions.
  const apart = headlines.flatMap((words, i) => {
    const other = headlines.slice(i + 1).find((next) => next.length > 0 && !words.some((entry) => entry.word === next[0]!.word));
    return words.length > 0 && other !== undefined ? [[words[0]!.word, other[0]!.word] as const] : [];
  });
  // (a OR b) -c: a and b from different headlines, c from yet another.
  const grouped = apart.flatMap(([first, second]) =>
    headlineTerms
      .filter((term) => term !== first && term !== second)
      .slice(0, 2)
      .map((term) => `(${first} OR ${second}) -${term}`),
  );
  const source = stats.topSources[0]?.value;
  const tag = stats.topTags[0]?.value;

  const tip = (syntax: string[], meaning: string, candidates: (Candidate | string)[]): SearchTipModel | undefined => {
    const q = pick(library, candidates.map((candidate) => (typeof candidate === 'string' ? { q: candidate } : candidate)));
    return q === undefined ? undefined : { syntax, meaning, example: { label: q, href: searchHref(blankRequest({ q })) } };
  };

  const tips = [
    tip(['word word'], 'All of the words. If few articles have them all, ones with some follow.', [
      'tax cuts',
      ...together.map(([first, second]) => ({ q: `${first} ${second}`, mayWiden: true })),
    ]),
    tip(['"exact phrase"'], 'The words side by side, in this order.', [
      '"state of the union"',
      '"prime minister"',
      ...adjacent.map((phrase) => ({ q: `"${phrase}"`, mayWiden: true })),
    ]),
    tip(['-word', '-"a phrase"', 'NOT word'], 'Leave out articles that have it.', ['tax -war', ...apart.map(([first, second]) => `${first} -${second}`)]),
    tip(['this OR that'], 'Either word, or both. OR in capitals.', ['tax OR budget', ...apart.map(([first, second]) => `${first} OR ${second}`)]),
    tip(['( )'], 'Group words, to use OR inside a longer search.', [
      '(tax OR budget) -war',
      ...grouped,
    ]),
    tip(['title:word'], 'The word in the headline.', [
      'title:budget',
      'title:election',
      // Longer words first: more likely a name or a subject than a verb.
      ...[...headlineTerms.filter((term) => term.length >= 5), ...headlineTerms.filter((term) => term.length < 5)].map((term) => `title:${term}`),
    ]),
    tip(['source:name', 'source:"two words"'], 'Articles from one source.', source === undefined ? [] : [`source:${fieldValue(source)}`]),
    tip(['tag:name'], 'Articles with this tag.', tag === undefined ? [] : [`tag:${fieldValue(tag)}`]),
    tip(['word*'], 'Words that begin so.', ['econom*', ...terms.filter((term) => term.length >= 6).map((term) => `${term.slice(0, 5)}*`)]),
  ];
  return tips.filter((item): item is SearchTipModel => item !== undefined);
}

/** The first candidate that finds articles as written; the first at all when none does. */
function pick(library: Library, candidates: Candidate[]): string | undefined {
  const seen = new Set<string>();
  const unique = candidates.filter(({ q }) => q.trim() !== '' && !seen.has(q) && seen.add(q));
  return unique.slice(0, MAX_TRIES).find((candidate) => findsAsWritten(library, candidate))?.q ?? unique[0]?.q;
}

/** Finds articles with nothing respelled or read leniently, and no fallback unless allowed. */
function findsAsWritten(library: Library, { q, mayWiden = false }: Candidate): boolean {
  // Run as the link will run it: as if typed into the box.
  const result = library.search(blankRequest({ q, limit: 1 }));
  if (result.total === 0 || (result.widened && !mayWiden)) return false;
  return result.widened ? result.notices.length === 1 : result.notices.length === 0;
}

/** A field value as typed after `source:` or `tag:`: one word as is, several in quotes. */
function fieldValue(value: string): string {
  return /^[\p{L}\p{N}]+$/u.test(value) ? value : `"${value.replace(/["“”„]/g, '')}"`;
}

/** `Harbour`, not `StateOfTheUnion` or `covid-19`: a tag that reads as a word in text. */
function isPlainWord(value: string): boolean {
  return /^\p{Lu}?\p{Ll}{3,}$/u.test(value) && !STOP_WORDS.has(value.toLowerCase());
}

interface HeadlineWord {
  word: string;
  /** Position in the headline, to tell neighbours apart. */
  position: number;
}

/** A headline's words worth an example: letters only, four or more, no small words, lower case. */
function headlineWords(title: string): HeadlineWord[] {
  const words: HeadlineWord[] = [];
  title.split(/\s+/).forEach((raw, position) => {
    const word = raw.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase();
    if (/^\p{L}{4,}$/u.test(word) && !STOP_WORDS.has(word) && !words.some((entry) => entry.word === word)) words.push({ word, position });
  });
  return words;
}

/** Two neighbouring words of a headline, both long ones if there are such. */
function firstAdjacentPair(words: HeadlineWord[]): string | undefined {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i + 1]!.position === words[i]!.position + 1) pairs.push([words[i]!.word, words[i + 1]!.word]);
  }
  const pair = pairs.find(([a, b]) => a.length >= 5 && b.length >= 5) ?? pairs[0];
  return pair === undefined ? undefined : pair.join(' ');
}

function newestHeadlines(library: Library): string[] {
  // Headlines with markup in them (a scraped page gone wrong) make poor examples.
  return library
    .search(blankRequest({ sort: 'newest', limit: HEADLINES }))
    .hits.map((hit) => hit.title.text)
    .filter((title) => !/[<>]/.test(title));
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
