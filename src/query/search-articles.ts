import type { Article } from '../article.ts';
import { rarity, type ArticleIndex, type Evaluation, type MatchQuery } from '../index/article-index.ts';
import type { Hit, SearchRequest, SearchResult } from '../library.ts';
import { compileQuery, hasPhrase, type CompiledQuery, type Leaf } from './compile-query.ts';
import { countFacets, isUnfiltered, passesFilter, resolveFilter } from './facets.ts';
import { makeSnippet, markText, type HighlightSpec } from './highlight.ts';
import { parseQueryString } from './parse-query-string.ts';
import { containsPhrase } from './phrase.ts';
import { feedbackTerms } from './feedback.ts';
import { leafWords, proximity } from './proximity.ts';
import type { QueryNode } from './query-ast.ts';
import { RANKING, type Ranking } from './ranking.ts';
import { selectTop } from './select-top.ts';
import { suggestSpelling } from './spelling.ts';
import { buildTimeline, countMonths } from './timeline.ts';

/** Fewer strict matches than this, and articles matching only some words are added below. */
const FILL_BELOW = 10;
/** Fewer matches than this, and close spellings of long words are tried. */
const FEW_MATCHES = 5;
/**
 * Checking phrases against the stored text stops after this long: a phrase of common words in a
 * big archive returns the articles checked so far, and says so, rather than holding the server.
 */
export const PHRASE_CHECK_BUDGET_MS = 250;
/** Typo tolerance is tried for queries of at most this many words: a longer one has words that match as written. */
const MAX_TOLERANT_WORDS = 3;

/** Coordination never scales a score below this share: a phrase's words can all be stop words. */
const MIN_COVERAGE = 0.05;

const STRICT = 0;
const TYPOS = 1;
const PARTIAL = 2;

/**
 * The articles a search matched, position by position in parallel arrays (a common word
 * matches most of a big archive, so no object per match): document, final score, and the
 * tier that found it (all words, all with close spellings, some words).
 */
export interface Matches {
  docs: Int32Array;
  scores: Float64Array;
  tiers: Uint8Array;
  /** The index evaluation of each tier, which knows the terms each of its documents matched. */
  evaluations: (Evaluation | undefined)[];
}

/**
 * Runs one search: parse, match, check phrases, rank, filter, count facets, sort, page, and
 * make snippets for the page. All words must match; below too few such articles come those
 * with close spellings of the words, then those with only some of the words, and the result
 * says so.
 */
export function searchArticles(index: ArticleIndex, request: SearchRequest, ranking: Ranking = RANKING): SearchResult {
  const started = performance.now();
  const { matches, compiled, notices, stoppedEarly } = rankArticles(index, request.q, request.typing ?? true, ranking);
  if (stoppedEarly) notices.push('This search took too long to check every phrase, so some matching articles may be missing.');
  const filter = resolveFilter(index, request);
  const { facets, months } = countFacets(index, matches.docs, filter);
  const shown = keepMatches(matches, (doc) => passesFilter(index, doc, filter), isUnfiltered(filter));

  // Notices count what is shown, after the filters.
  const tierCounts = [0, 0, 0];
  // Indexed loops: a for-of over a typed array allocated an iterator result per match here.
  for (let i = 0; i < shown.tiers.length; i++) tierCounts[shown.tiers[i]!]!++;
  const strict = tierCounts[STRICT]!;
  const widened = tierCounts[PARTIAL]! > 0;
  if (widened) notices.push(widenedNotice(strict));
  if (tierCounts[TYPOS]! > 0) notices.push('Some results match close spellings of your words.');

  const order = compareMatches(index, shown, compiled === undefined && request.sort === 'relevance' ? 'newest' : request.sort);
  const page = selectTop(positions(shown.docs.length), request.offset + request.limit, order).slice(request.offset);
  const result: SearchResult = {
    request,
    total: shown.docs.length,
    hits: page.map((position) => toHit(index, shown, position, compiled)),
    facets,
    // Without a date filter, the articles shown per month are what the year facet counted.
    timeline: buildTimeline(
      filter.fromTime === undefined && filter.toTime === undefined ? months : countMonths(shown.docs, index.months, index.firstMonth, index.monthSpan),
      index.firstMonth,
    ),
    widened,
    notices,
    tookMs: 0,
  };
  if (compiled !== undefined && strict < FEW_MATCHES) {
    const suggestion = suggestSpelling(index, request.q, (alternative) => {
      const root = parseQueryString(alternative).root;
      if (root === undefined) return false;
      const query = compileQuery(root, index, ranking);
      // A corrected common word finds more at once by its postings' lengths, without a second full search.
      if (isUnfiltered(filter) && !query.hasPhrases && index.leastMatches(query.strict) > strict) return true;
      const budget = { deadline: performance.now() + PHRASE_CHECK_BUDGET_MS, exceeded: false };
      const { docs } = matchQuery(index, query, query.strict, STRICT, ranking, budget);
      let count = 0;
      for (let i = 0; i < docs.length && count <= strict; i++) if (passesFilter(index, docs[i]!, filter)) count++;
      return count > strict;
    });
    if (suggestion !== undefined) result.suggestion = suggestion;
  }
  result.tookMs = performance.now() - started;
  return result;
}

function widenedNotice(strict: number): string {
  if (strict === 0) return 'No article has all of your words; showing articles with some of them.';
  return `Only ${strict} ${strict === 1 ? 'article has' : 'articles have'} all of your words; below, articles with some of them.`;
}

export interface RankedArticles {
  matches: Matches;
  compiled?: CompiledQuery;
  /** True when checking phrases ran out of time and not every candidate was checked. */
  stoppedEarly: boolean;
  /** What the parser read differently from how it was written. */
  notices: string[];
}

/** The matches of one tier. */
interface TierMatches {
  docs: Int32Array;
  scores: Float64Array;
  evaluation: Evaluation;
}

/**
 * Every article that matches `q`, scored, in tiers: all words as written, all words with close
 * spellings (typo matches never rank above words matched as written), then some of the words.
 * Not yet filtered, sorted or paged.
 */
export function rankArticles(index: ArticleIndex, q: string, typing: boolean, ranking: Ranking = RANKING): RankedArticles {
  const parsed = parseQueryString(q, { typing });
  const notices = [...parsed.notices];
  if (parsed.root === undefined) {
    const matches: Matches = { docs: positions(index.size), scores: new Float64Array(index.size), tiers: new Uint8Array(index.size), evaluations: [] };
    return { matches, notices, stoppedEarly: false };
  }
  const compiled = compileQuery(parsed.root, index, ranking);
  const budget: Budget = { deadline: performance.now() + PHRASE_CHECK_BUDGET_MS, exceeded: false };
  const tiers: TierMatches[] = [];
  const seen = new Uint8Array(index.size);
  const addTier = (query: MatchQuery, tier: number) => {
    const found = matchQuery(index, compiled, query, tier, ranking, budget);
    // An article found by a stricter tier stays there.
    const fresh = tiers.length === 0 ? found : keepTier(found, (doc) => !seen[doc]);
    for (let i = 0; i < fresh.docs.length; i++) seen[fresh.docs[i]!] = 1;
    tiers[tier] = fresh;
  };
  addTier(compiled.strict, STRICT);
  const strict = tiers[STRICT]!.docs.length;
  if (strict < FEW_MATCHES && compiled.tolerant && compiled.leaves.length <= MAX_TOLERANT_WORDS) addTier(compiled.tolerant, TYPOS);
  if (strict < FILL_BELOW && compiled.loose) addTier(compiled.loose, PARTIAL);
  const matches = joinTiers(tiers);
  if (compiled.loose && compiled.leaves.length >= ranking.feedback.minWords) rescoreWithFeedback(index, compiled, matches, ranking, budget);
  if (ranking.proximity.weight > 0 && compiled.leaves.length >= 2) boostProximity(index, compiled, matches, ranking);
  return { matches, compiled, notices, stoppedEarly: budget.exceeded };
}

/** The positions of the best matches by relevance: tier first, then score. */
export function bestPositions(matches: Matches, count: number): number[] {
  const { scores, tiers } = matches;
  return selectTop(positions(matches.docs.length), count, (a, b) => tiers[a]! - tiers[b]! || scores[b]! - scores[a]! || a - b);
}

/**
 * Re-scores the matches of a long query with the words its best matches share (see
 * `feedbackTerms`). Only articles already found are re-scored, and their matched terms stay
 * the query's own, so nothing unrelated comes in and no added word is highlighted.
 */
function rescoreWithFeedback(index: ArticleIndex, compiled: CompiledQuery, matches: Matches, ranking: Ranking, budget: Budget): void {
  const { docs, terms, weight } = ranking.feedback;
  if (terms === 0 || compiled.loose === undefined) return;
  const known = new Set(compiled.leaves.flatMap((leaf) => [...leaf.terms]));
  const extra = feedbackTerms(
    index,
    bestPositions(matches, docs).map((position) => matches.docs[position]!),
    terms,
    known,
  );
  if (extra.length === 0) return;
  const expanded: MatchQuery = {
    kind: 'or',
    children: [compiled.loose, ...extra.map((term): MatchQuery => ({ kind: 'term', term, weight }))],
  };
  const rescored = matchQuery(index, compiled, expanded, PARTIAL, ranking, budget);
  const scoreOf = new Float64Array(index.size).fill(Number.NaN);
  rescored.docs.forEach((doc, i) => (scoreOf[doc] = rescored.scores[i]!));
  matches.docs.forEach((doc, i) => {
    if (!Number.isNaN(scoreOf[doc]!)) matches.scores[i] = scoreOf[doc]!;
  });
}

/**
 * Lifts the best matches whose query words stand close together: "noon malcolm glazer" is the
 * article where they form one sentence, not one that mentions each in turn. Only the best few
 * are read; the lift never reaches below them.
 */
function boostProximity(index: ArticleIndex, compiled: CompiledQuery, matches: Matches, ranking: Ranking): void {
  const { weight, depth, saturation } = ranking.proximity;
  const leaves = compiled.leaves;
  const weights = leaves.map((leaf) => rarity(index.size, Math.max(1, ...[...leaf.terms].map((term) => index.leastMatches({ kind: 'term', term })))));
  const leafOf = leafWords(index, leaves);
  for (const position of bestPositions(matches, depth)) {
    const near = proximity(index, matches.docs[position]!, leafOf, weights);
    matches.scores[position]! *= 1 + (weight * near) / (near + saturation);
  }
}

interface Budget {
  deadline: number;
  exceeded: boolean;
}

/** Runs one strictness of the query: index match, phrase checks, coordination and recency. */
function matchQuery(
  index: ArticleIndex,
  compiled: CompiledQuery,
  query: MatchQuery,
  tier: number,
  ranking: Ranking,
  budget: Budget,
): TierMatches {
  const evaluation = index.match(query, ranking);
  const recency = recencyBoosts(index, ranking);
  const { coordination } = ranking;
  const exactCoordination = tier === PARTIAL ? ranking.exactCoordination.some : ranking.exactCoordination.all;
  // The evaluation's arrays are this tier's own: kept matches are moved up within them.
  const { docs, scores } = evaluation;
  // One check, moved from document to document: this loop may see most of the archive.
  const check: Check = {
    compiled,
    index,
    doc: -1,
    phraseIds: compiled.hasPhrases ? phraseIdsOf(index, compiled) : new Map(),
    termsOf: evaluation.termsOf,
    tolerant: tier === TYPOS,
  };
  let count = 0;
  // Articles with the same words share a coverage: the power is taken once per run of them.
  let lastCoverage = Number.NaN;
  let covered = 1;
  for (let i = 0; i < evaluation.docs.length; i++) {
    const doc = evaluation.docs[i]!;
    if (compiled.hasPhrases) {
      if (budget.exceeded || (i % 64 === 0 && performance.now() > budget.deadline)) {
        budget.exceeded = true;
        break;
      }
      check.doc = doc;
      check.docTerms = undefined;
      if (!(tier === PARTIAL ? satisfiesSome(compiled.root, check) : satisfies(compiled.root, check))) continue;
    }
    docs[count] = doc;
    if (evaluation.coverage[i] !== lastCoverage) {
      lastCoverage = evaluation.coverage[i]!;
      covered = Math.max(lastCoverage, MIN_COVERAGE) ** coordination;
    }
    const exact = (1 + exactCoordination * evaluation.exactCoverage[i]!) / (1 + exactCoordination);
    scores[count] = scores[i]! * covered * exact * recency[doc]!;
    count++;
  }
  return { docs: docs.subarray(0, count), scores: scores.subarray(0, count), evaluation };
}

interface Check {
  compiled: CompiledQuery;
  index: ArticleIndex;
  doc: number;
  /** The word numbers of each phrase in the index's phrase index. */
  phraseIds: Map<QueryNode, number[] | undefined>;
  /** The index terms of the query that `doc` has, once asked for. */
  docTerms?: Set<string>;
  termsOf: (doc: number) => string[];
  /** Typo-tolerant tier: words matched by close spellings the leaves do not list. */
  tolerant: boolean;
}

/** The word numbers of every phrase of the query that titles and bodies are checked for. */
function phraseIdsOf(index: ArticleIndex, compiled: CompiledQuery): Map<QueryNode, number[] | undefined> {
  const ids = new Map<QueryNode, number[] | undefined>();
  for (const [node, leaf] of compiled.leafOf) if (leaf.phrase !== undefined) ids.set(node, index.phrases.idsOf(leaf.phrase));
  return ids;
}

/** The query's boolean structure checked against one article, for what the index cannot decide: phrases. */
function satisfies(node: QueryNode, check: Check): boolean {
  switch (node.type) {
    case 'word': {
      const leaf = check.compiled.leafOf.get(node);
      if (check.tolerant || leaf === undefined || (leaf.terms.size === 0 && leaf.prefixes.length === 0)) return true;
      const docTerms = (check.docTerms ??= new Set(check.termsOf(check.doc)));
      return [...leaf.terms].some((term) => docTerms.has(term)) || [...docTerms].some((term) => leaf.prefixes.some((prefix) => term.startsWith(prefix)));
    }
    case 'phrase': {
      if (node.field === undefined || node.field === 'title') {
        const ids = check.phraseIds.get(node);
        return ids !== undefined && check.index.phrases.contains(check.doc, ids, node.field === 'title');
      }
      const words = check.compiled.leafOf.get(node)?.phrase ?? [];
      return phraseFields(check.index.articles[check.doc]!, node.field).some((text) => containsPhrase(text, words));
    }
    case 'and':
      return node.children.every((child) => satisfies(child, check));
    case 'or':
      return node.children.some((child) => satisfies(child, check));
    case 'not':
      // Excluded words were already removed by the index; only phrases are left to check.
      return !hasPhrase(node.child) || !satisfies(node.child, check);
  }
}

/** The loose reading of a top-level AND: every exclusion holds and at least one of the rest does. */
function satisfiesSome(root: QueryNode, check: Check): boolean {
  if (root.type !== 'and') return satisfies(root, check);
  const exclusions = root.children.filter((child) => child.type === 'not');
  const rest = root.children.filter((child) => child.type !== 'not');
  return exclusions.every((child) => satisfies(child, check)) && rest.some((child) => satisfies(child, check));
}


/** The texts a phrase in a source or tag field is checked in (titles and bodies are in the phrase index). */
function phraseFields(article: Article, field: 'source' | 'tag'): string[] {
  return field === 'source' ? [article.source ?? '', article.author ?? ''] : article.tags;
}

const boosts = new WeakMap<ArticleIndex, Map<Ranking, Float64Array>>();

/** Per document: 1 + weight for the newest article, halving with every half-life of age before it. */
function recencyBoosts(index: ArticleIndex, ranking: Ranking): Float64Array {
  let perRanking = boosts.get(index);
  if (perRanking === undefined) boosts.set(index, (perRanking = new Map()));
  let boost = perRanking.get(ranking);
  if (boost === undefined) {
    let newest = -Infinity;
    for (const time of index.times) if (time > newest) newest = time;
    const { weight, halfLifeDays } = ranking.recency;
    const halfLife = halfLifeDays * 86_400_000;
    boost = Float64Array.from(index.times, (time) => (Number.isNaN(time) || weight === 0 ? 1 : 1 + weight * 0.5 ** ((newest - time) / halfLife)));
    perRanking.set(ranking, boost);
  }
  return boost;
}

/** 0, 1, ... count - 1. */
function positions(count: number): Int32Array {
  const all = new Int32Array(count);
  for (let i = 0; i < count; i++) all[i] = i;
  return all;
}

/** The matches of a tier whose documents pass `keep`. */
function keepTier(matches: TierMatches, keep: (doc: number) => boolean): TierMatches {
  const kept: number[] = [];
  for (let i = 0; i < matches.docs.length; i++) if (keep(matches.docs[i]!)) kept.push(i);
  if (kept.length === matches.docs.length) return matches;
  return { docs: Int32Array.from(kept, (i) => matches.docs[i]!), scores: Float64Array.from(kept, (i) => matches.scores[i]!), evaluation: matches.evaluation };
}

/** The matches whose documents pass `keep`; all of them, as they are, when `everything` says so. */
function keepMatches(matches: Matches, keep: (doc: number) => boolean, everything: boolean): Matches {
  if (everything) return matches;
  const kept: number[] = [];
  for (let i = 0; i < matches.docs.length; i++) if (keep(matches.docs[i]!)) kept.push(i);
  return {
    docs: Int32Array.from(kept, (i) => matches.docs[i]!),
    scores: Float64Array.from(kept, (i) => matches.scores[i]!),
    tiers: Uint8Array.from(kept, (i) => matches.tiers[i]!),
    evaluations: matches.evaluations,
  };
}

/** The tiers' matches one after another. */
function joinTiers(tiers: (TierMatches | undefined)[]): Matches {
  const total = tiers.reduce((sum, tier) => sum + (tier?.docs.length ?? 0), 0);
  const only = tiers.findIndex((tier) => tier !== undefined && tier.docs.length === total);
  if (only >= 0) {
    // One tier has every match (the usual case): its arrays serve as they are.
    const tier = tiers[only]!;
    const evaluations: Evaluation[] = [];
    evaluations[only] = tier.evaluation;
    return { docs: tier.docs, scores: tier.scores, tiers: new Uint8Array(total).fill(only), evaluations };
  }
  const matches: Matches = { docs: new Int32Array(total), scores: new Float64Array(total), tiers: new Uint8Array(total), evaluations: [] };
  let at = 0;
  tiers.forEach((tier, number) => {
    if (tier === undefined) return;
    matches.docs.set(tier.docs, at);
    matches.scores.set(tier.scores, at);
    matches.tiers.fill(number, at, at + tier.docs.length);
    matches.evaluations[number] = tier.evaluation;
    at += tier.docs.length;
  });
  return matches;
}

/** The order of a sort, over positions in `matches`: tier first for relevance, undated articles last for both date orders. */
function compareMatches(index: ArticleIndex, matches: Matches, sort: SearchRequest['sort']): (a: number, b: number) => number {
  const { docs, scores, tiers } = matches;
  const time = (position: number) => {
    const value = index.times[docs[position]!]!;
    return Number.isNaN(value) ? -Infinity : value;
  };
  const undated = (position: number) => (Number.isNaN(index.times[docs[position]!]!) ? 1 : 0);
  const byDoc = (a: number, b: number) => docs[a]! - docs[b]!;
  if (sort === 'relevance') return (a, b) => tiers[a]! - tiers[b]! || scores[b]! - scores[a]! || time(b) - time(a) || byDoc(a, b);
  if (sort === 'newest') return (a, b) => time(b) - time(a) || scores[b]! - scores[a]! || byDoc(a, b);
  return (a, b) => undated(a) - undated(b) || time(a) - time(b) || scores[b]! - scores[a]! || byDoc(a, b);
}

function toHit(index: ArticleIndex, matches: Matches, position: number, compiled: CompiledQuery | undefined): Hit {
  const doc = matches.docs[position]!;
  const article = index.articles[doc]!;
  const matched = matches.evaluations[matches.tiers[position]!]?.termsOf(doc) ?? [];
  const spec = highlightSpec(compiled, matched, index.languages);
  const hit: Hit = {
    id: article.id,
    title: markText(article.title, spec),
    tags: article.tags,
    snippet: makeSnippet(article.body, spec),
    score: matches.scores[position]!,
  };
  if (article.url !== undefined) hit.url = article.url;
  if (article.source !== undefined) hit.source = article.source;
  if (article.date !== undefined) hit.date = article.date;
  return hit;
}

/** Marks what made a document match: the terms it matched, and the phrases of the query. */
export function highlightSpec(compiled: CompiledQuery | undefined, matched: readonly string[], languages: readonly string[]): HighlightSpec {
  if (compiled === undefined) return { terms: new Set(), prefixes: [], phrases: [], languages };
  const phraseLeaves = compiled.leaves.filter((leaf): leaf is Leaf & { phrase: string[] } => leaf.phrase !== undefined);
  const phraseOnly = new Set(phraseLeaves.flatMap((leaf) => [...leaf.terms]));
  for (const leaf of compiled.leaves) if (leaf.phrase === undefined) for (const term of leaf.terms) phraseOnly.delete(term);
  return {
    terms: new Set(matched.filter((term) => !phraseOnly.has(term))),
    prefixes: [],
    phrases: phraseLeaves.map((leaf) => leaf.phrase),
    languages,
  };
}
