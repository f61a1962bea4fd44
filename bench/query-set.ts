import { createReadStream } from 'node:fs';
import { stopwords as englishStopWords } from '@orama/stopwords/english';
import type { SearchRequest, SortOrder } from '../src/library.ts';
import { createRandom, deriveSeed, type Random } from './random.ts';
import { floorTokens, readRawArticles } from './raw-corpus.ts';

/** The kinds of query measured, in the order of the tables. */
export const QUERY_TYPES = [
  'common',
  'rare',
  'multi',
  'phrase',
  'prefix1',
  'prefix2',
  'prefix3',
  'prefix4',
  'prefix5',
  'typo',
  'filtered',
  'sorted',
] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export const QUERY_TYPE_LABELS: Record<QueryType, string> = {
  common: 'common word',
  rare: 'rare word',
  multi: '2-3 words',
  phrase: 'phrase',
  prefix1: 'prefix, 1 letter',
  prefix2: 'prefix, 2 letters',
  prefix3: 'prefix, 3 letters',
  prefix4: 'prefix, 4 letters',
  prefix5: 'prefix, 5 letters',
  typo: 'typo',
  filtered: 'filtered + faceted',
  sorted: 'sorted by date',
};

/** One query, as the web form would send it. */
export interface BenchQuery {
  q: string;
  /** The words without query syntax (quotes), for the baselines. */
  words: string[];
  sources: string[];
  tags: string[];
  from?: string;
  to?: string;
  sort: SortOrder;
}

export interface CorpusProfile {
  articles: number;
  /** Characters of title + body. */
  textChars: number;
  avgWords: number;
  /** Distinct lower-case words in the profiled sample. */
  distinctWordsInSample: number;
  sampleArticles: number;
  sources: number;
  tags: number;
  firstDate?: string;
  lastDate?: string;
}

export interface QuerySet {
  profile: CorpusProfile;
  /** Per type, distinct queries (a type may have fewer than asked: there are only so many 1-letter prefixes). */
  queries: Record<QueryType, BenchQuery[]>;
  /** One query per type, not among the measured ones, to warm the engine up with. */
  warmup: BenchQuery[];
}

/** What the web sends: first page of ten, typing left at its default (the last word is also a prefix). */
export const PAGE_SIZE = 10;

export function toSearchRequest(query: BenchQuery): SearchRequest {
  const request: SearchRequest = { q: query.q, sources: query.sources, tags: query.tags, sort: query.sort, offset: 0, limit: PAGE_SIZE };
  if (query.from !== undefined) request.from = query.from;
  if (query.to !== undefined) request.to = query.to;
  return request;
}

/** `/api/search?...` or `/search?...` for a query. */
export function toSearchPath(route: '/api/search' | '/search', query: BenchQuery): string {
  const params = new URLSearchParams({ q: query.q });
  for (const source of query.sources) params.append('source', source);
  for (const tag of query.tags) params.append('tag', tag);
  if (query.from !== undefined) params.set('from', query.from);
  if (query.to !== undefined) params.set('to', query.to);
  if (query.sort !== 'relevance') params.set('sort', query.sort);
  return `${route}?${params}`;
}

const SAMPLE_LIMIT = 20_000;
const STOP_WORDS = new Set(englishStopWords.map((word) => word.toLowerCase()));
const PLAIN_WORD = /^[a-z]{3,}$/;

/**
 * Reads the corpus once and draws a fixed, seeded set of distinct queries of each type from its
 * own vocabulary: document frequencies come from an evenly spaced sample of up to 20,000
 * articles, multi-word queries and phrases from the text of sampled articles, filters from the
 * corpus's own sources, tags and dates. Common words are the most frequent non-stop words,
 * rare ones occur in at most 3 sampled articles, prefixes and typos come from the 2,000 most
 * frequent words.
 */
export async function buildQuerySet(corpusPath: string, seed: number, perType: number): Promise<QuerySet> {
  const total = await countLines(corpusPath);
  const every = Math.max(1, Math.ceil(total / SAMPLE_LIMIT));
  const documentFrequency = new Map<string, number>();
  const sample: string[] = [];
  const sourceCounts = new Map<string, number>();
  const tagCounts = new Map<string, number>();
  let firstDate: string | undefined;
  let lastDate: string | undefined;
  let articles = 0;
  let textChars = 0;
  let words = 0;
  for await (const article of readRawArticles(corpusPath)) {
    textChars += article.title.length + article.body.length;
    if (article.source !== undefined) sourceCounts.set(article.source, (sourceCounts.get(article.source) ?? 0) + 1);
    for (const tag of new Set(article.tags)) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    const day = article.date === undefined ? undefined : /^\d{4}-\d{2}-\d{2}/.exec(article.date)?.[0];
    if (day !== undefined) {
      if (firstDate === undefined || day < firstDate) firstDate = day;
      if (lastDate === undefined || day > lastDate) lastDate = day;
    }
    if (articles % every === 0) {
      const text = `${article.title}\n${article.body}`;
      const tokens = floorTokens(text);
      words += tokens.length;
      for (const word of new Set(tokens)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
      sample.push(text);
    }
    articles += 1;
  }
  if (articles === 0) throw new Error(`${corpusPath} holds no article`);

  const random = createRandom(deriveSeed(seed, 'queries'));
  const content = [...documentFrequency]
    .filter(([word]) => PLAIN_WORD.test(word) && !STOP_WORDS.has(word))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const byFrequency = content.map(([word]) => word);
  if (byFrequency.length < 10) throw new Error(`${corpusPath} has too few distinct words to draw queries from`);
  const frequent = byFrequency.slice(0, Math.max(50, Math.min(2000, byFrequency.length >> 2)));
  const sources = [...sourceCounts].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([source]) => source);
  const tags = [...tagCounts].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([tag]) => tag);

  const plain = (q: string, sort: SortOrder = 'relevance'): BenchQuery => ({ q, words: q.split(' '), sources: [], tags: [], sort });
  // Each type gets `perType` distinct queries plus one more for warming up: the engine may cache
  // results by request, and a measured query must never be one it has seen.
  const wanted = perType + 1;
  const distinct = (queries: Iterable<BenchQuery>): BenchQuery[] => {
    const seen = new Set<string>();
    const kept: BenchQuery[] = [];
    for (const query of queries) {
      const key = JSON.stringify([query.q, query.sources, query.tags, query.from, query.to, query.sort]);
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push(query);
      if (kept.length === wanted) break;
    }
    return kept;
  };

  const common = distinct(byFrequency.map((word) => plain(word)));

  const rareCandidates = content.filter(([word, df]) => df <= 3 && word.length >= 5).map(([word]) => word);
  const rare = distinct(random.shuffled(rareCandidates.length > 0 ? rareCandidates : byFrequency.slice(-wanted)).map((word) => plain(word)));

  const multiCandidates: BenchQuery[] = [];
  const phraseCandidates: BenchQuery[] = [];
  const frequentSet = new Set(frequent);
  for (let attempts = 0; (multiCandidates.length < wanted * 2 || phraseCandidates.length < wanted * 2) && attempts < wanted * 100; attempts++) {
    const text = random.pick(sample);
    const candidates = [...new Set(floorTokens(text))].filter((word) => frequentSet.has(word));
    const size = random.between(2, 3);
    if (candidates.length >= size) multiCandidates.push(plain(random.shuffled(candidates).slice(0, size).join(' ')));
    const found = pickPhrase(text, random);
    if (found !== undefined) phraseCandidates.push({ q: `"${found.join(' ')}"`, words: found, sources: [], tags: [], sort: 'relevance' });
  }
  const multi = distinct(multiCandidates);
  const phrase = distinct(phraseCandidates);

  // Prefixes as typed, from frequent words: as many distinct ones of each length as there are.
  const prefixWords = random.shuffled(frequent.filter((word) => word.length >= 6));
  const prefixes = (length: number) => distinct(prefixWords.map((word) => plain(word.slice(0, length))));

  const known = new Set(documentFrequency.keys());
  const typo = distinct(
    random.shuffled(frequent.filter((word) => word.length >= 6)).map((word) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const misspelled = misspell(word, random);
        if (!known.has(misspelled)) return plain(misspelled);
      }
      return plain(misspell(word, random));
    }),
  );

  const filteredCandidates: BenchQuery[] = [];
  for (let i = 0; i < wanted * 3; i++) {
    const query = plain(random.pick(frequent.slice(0, 500)));
    const pattern = i % 4;
    if ((pattern === 0 || pattern === 3) && sources.length > 0) query.sources = [random.pick(sources)];
    if ((pattern === 1 || pattern === 3) && tags.length > 0) query.tags = [random.pick(tags)];
    if ((pattern === 2 || pattern === 3) && firstDate !== undefined && lastDate !== undefined) {
      Object.assign(query, dateWindow(firstDate, lastDate, random));
    }
    filteredCandidates.push(query);
  }
  const filtered = distinct(filteredCandidates);

  const sorted = distinct(random.shuffled(frequent.slice(0, 500)).map((word, i) => plain(word, i % 2 === 0 ? 'newest' : 'oldest')));

  const pools: Record<QueryType, BenchQuery[]> = {
    common,
    rare,
    multi,
    phrase,
    prefix1: prefixes(1),
    prefix2: prefixes(2),
    prefix3: prefixes(3),
    prefix4: prefixes(4),
    prefix5: prefixes(5),
    typo,
    filtered,
    sorted,
  };
  const queries = {} as Record<QueryType, BenchQuery[]>;
  const warmup: BenchQuery[] = [];
  for (const type of QUERY_TYPES) {
    const pool = pools[type];
    if (pool.length < 2) throw new Error(`${corpusPath}: could not draw ${type} queries from the corpus`);
    warmup.push(pool.pop()!);
    queries[type] = pool;
  }
  const profile: CorpusProfile = {
    articles,
    textChars,
    avgWords: words / sample.length,
    distinctWordsInSample: documentFrequency.size,
    sampleArticles: sample.length,
    sources: sourceCounts.size,
    tags: tagCounts.size,
  };
  if (firstDate !== undefined) profile.firstDate = firstDate;
  if (lastDate !== undefined) profile.lastDate = lastDate;
  return { profile, queries, warmup };
}

/** Two or three consecutive words of one sentence, at least one of them not a stop word. */
function pickPhrase(text: string, random: Random): string[] | undefined {
  const sentences = text.split(/[.!?;:\n]+/).map((sentence) => floorTokens(sentence).filter((word) => /^[a-z]+$/.test(word)));
  const usable = sentences.filter((sentence) => sentence.length >= 3);
  if (usable.length === 0) return undefined;
  const sentence = random.pick(usable);
  const size = random.between(2, 3);
  const start = random.int(sentence.length - size + 1);
  const words = sentence.slice(start, start + size);
  return words.some((word) => word.length >= 3 && !STOP_WORDS.has(word)) ? words : undefined;
}

/** One typing slip: two neighbouring letters swapped, a letter dropped, doubled or replaced. */
function misspell(word: string, random: Random): string {
  const at = random.between(1, word.length - 2);
  switch (random.int(4)) {
    case 0:
      return word.slice(0, at) + word[at + 1]! + word[at]! + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + word[at]! + word.slice(at);
    default: {
      const letters = 'abcdefghijklmnopqrstuvwxyz';
      let letter = random.pick([...letters]);
      if (letter === word[at]) letter = letter === 'z' ? 'a' : String.fromCharCode(letter.charCodeAt(0) + 1);
      return word.slice(0, at) + letter + word.slice(at + 1);
    }
  }
}

/** A window of one to five years (at most the corpus's span) inside the corpus's dates. */
function dateWindow(firstDate: string, lastDate: string, random: Random): { from: string; to: string } {
  const first = Date.parse(`${firstDate}T00:00:00Z`);
  const last = Date.parse(`${lastDate}T00:00:00Z`);
  const span = Math.max(0, last - first);
  const length = Math.min(span, random.between(365, 5 * 365) * 86_400_000);
  const start = first + random.next() * (span - length);
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { from: day(start), to: day(start + length) };
}

/** Lines of the file: enough to space the sample evenly. */
async function countLines(path: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) count += 1;
  }
  return count;
}
