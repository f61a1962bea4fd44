import type { Article } from '../article.ts';
import type { ArticleIndex, Evaluation, MatchQuery } from '../index/article-index.ts';
import type { Hit, SearchRequest, SearchResult } from '../library.ts';
import { compileQuery, hasPhrase, type CompiledQuery, type Leaf } from './compile-query.ts';
import { countFacets, passesFilter, resolveFilter } from './facets.ts';
import { makeSnippet, markText, type HighlightSpec } from './highlight.ts';
import { parseQueryString } from './parse-query-string.ts';
import { containsPhraseQuickly } from './phrase.ts';
import { feedbackTerms } from './feedback.ts';
import type { QueryField, QueryNode } from './query-ast.ts';
import { RANKING, type Ranking } from './ranking.ts';
import { selectTop } from './select-top.ts';
import { suggestSpelling } from './spelling.ts';
import { buildTimeline } from './timeline.ts';

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

const STRICT = 0;
const TYPOS = 1;
const PARTIAL = 2;

/** A matching article with its final score and the tier that found it: all words, all with close spellings, some words. */
export interface Ranked {
  doc: number;
  score: number;
  tier: typeof STRICT | typeof TYPOS | typeof PARTIAL;
  /** The index evaluation that found it, which knows the terms it matched. */
  evaluation?: Evaluation;
}

/**
 * Runs one search: parse, match, check phrases, rank, filter, count facets, sort, page, and
 * make snippets for the page. All words must match; below too few such articles come those
 * with close spellings of the words, then those with only some of the words, and the result
 * says so.
 */
export function searchArticles(index: ArticleIndex, request: SearchRequest, ranking: Ranking = RANKING): SearchResult {
  const started = performance.now();
  const { ranked, compiled, notices, stoppedEarly } = rankArticles(index, request.q, request.typing ?? true, ranking);
  if (stoppedEarly) notices.push('This search took too long to check every phrase, so some matching articles may be missing.');
  const filter = resolveFilter(index, request);
  const facets = countFacets(index, ranked.map((match) => match.doc), filter);
  const filtered = ranked.filter((match) => passesFilter(index, match.doc, filter));
  const order = compareMatches(index, compiled === undefined && request.sort === 'relevance' ? 'newest' : request.sort);

  // Notices count what is shown, after the filters.
  const strict = filtered.filter((match) => match.tier === STRICT).length;
  const widened = filtered.some((match) => match.tier === PARTIAL);
  if (widened) notices.push(widenedNotice(strict));
  if (filtered.some((match) => match.tier === TYPOS)) notices.push('Some results match close spellings of your words.');

  const page = selectTop(filtered, request.offset + request.limit, order).slice(request.offset);
  const result: SearchResult = {
    request,
    total: filtered.length,
    hits: page.map((match) => toHit(index, match, compiled)),
    facets,
    timeline: buildTimeline(filtered.map((match) => index.months[match.doc]!)),
    widened,
    notices,
    tookMs: 0,
  };
  if (compiled !== undefined && strict < FEW_MATCHES) {
    const suggestion = suggestSpelling(index, request.q, strict, (alternative) => {
      const root = parseQueryString(alternative).root;
      if (root === undefined) return 0;
      const query = compileQuery(root, index, ranking);
      const budget = { deadline: performance.now() + PHRASE_CHECK_BUDGET_MS, exceeded: false };
      return matchQuery(index, query, query.strict, STRICT, ranking, budget).filter((match) => passesFilter(index, match.doc, filter)).length;
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
  ranked: Ranked[];
  compiled?: CompiledQuery;
  /** True when checking phrases ran out of time and not every candidate was checked. */
  stoppedEarly: boolean;
  /** What the parser read differently from how it was written. */
  notices: string[];
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
    return { ranked: index.articles.map((_, doc): Ranked => ({ doc, score: 0, tier: STRICT })), notices, stoppedEarly: false };
  }
  const compiled = compileQuery(parsed.root, index, ranking);
  const budget: Budget = { deadline: performance.now() + PHRASE_CHECK_BUDGET_MS, exceeded: false };
  const matchTier = (query: MatchQuery, tier: Ranked['tier']) => matchQuery(index, compiled, query, tier, ranking, budget);
  const ranked = matchTier(compiled.strict, STRICT);
  const strict = ranked.length;
  if (strict < FEW_MATCHES && compiled.tolerant && compiled.leaves.length <= MAX_TOLERANT_WORDS) {
    ranked.push(...without(matchTier(compiled.tolerant, TYPOS), ranked));
  }
  if (strict < FILL_BELOW && compiled.loose) {
    ranked.push(...without(matchTier(compiled.loose, PARTIAL), ranked));
  }
  if (compiled.loose && compiled.leaves.length >= ranking.feedback.minWords) rescoreWithFeedback(index, compiled, ranked, ranking, budget);
  return { ranked, compiled, notices, stoppedEarly: budget.exceeded };
}

/**
 * Re-scores the matches of a long query with the words its best matches share (see
 * `feedbackTerms`). Only articles already found are re-scored, and their matched terms stay
 * the query's own, so nothing unrelated comes in and no added word is highlighted.
 */
function rescoreWithFeedback(index: ArticleIndex, compiled: CompiledQuery, ranked: Ranked[], ranking: Ranking, budget: Budget): void {
  const { docs, terms, weight } = ranking.feedback;
  if (terms === 0 || compiled.loose === undefined) return;
  ranked.sort((a, b) => a.tier - b.tier || b.score - a.score);
  const known = new Set(compiled.leaves.flatMap((leaf) => [...leaf.terms]));
  const extra = feedbackTerms(index, ranked.slice(0, docs).map((match) => match.doc), terms, known);
  if (extra.length === 0) return;
  const expanded: MatchQuery = {
    kind: 'or',
    children: [compiled.loose, ...extra.map((term): MatchQuery => ({ kind: 'term', term, weight }))],
  };
  const scores = new Map(matchQuery(index, compiled, expanded, PARTIAL, ranking, budget).map((match) => [match.doc, match.score]));
  for (const match of ranked) match.score = scores.get(match.doc) ?? match.score;
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
  tier: Ranked['tier'],
  ranking: Ranking,
  budget: Budget,
): Ranked[] {
  const evaluation = index.match(query, ranking);
  const recency = recencyBoost(index, ranking);
  const words = compiled.leaves.length;
  const ranked: Ranked[] = [];
  for (let i = 0; i < evaluation.docs.length; i++) {
    const doc = evaluation.docs[i]!;
    if (compiled.hasPhrases) {
      if (budget.exceeded || (i % 64 === 0 && performance.now() > budget.deadline)) {
        budget.exceeded = true;
        break;
      }
      const check = { compiled, article: index.articles[doc]!, docTerms: new Set(evaluation.termsOf(doc)), tolerant: tier === TYPOS };
      if (!(tier === PARTIAL ? satisfiesSome(compiled.root, check) : satisfies(compiled.root, check))) continue;
    }
    const coordination = words === 0 ? 1 : (Math.max(1, evaluation.leaves[i]!) / words) ** ranking.coordination;
    ranked.push({ doc, score: evaluation.scores[i]! * coordination * recency(doc), tier, evaluation });
  }
  return ranked;
}

interface Check {
  compiled: CompiledQuery;
  article: Article;
  /** The document's terms that matched the index query. */
  docTerms: Set<string>;
  /** Typo-tolerant tier: words matched by close spellings the leaves do not list. */
  tolerant: boolean;
}

/** The query's boolean structure checked against one article, for what the index cannot decide: phrases. */
function satisfies(node: QueryNode, check: Check): boolean {
  switch (node.type) {
    case 'word': {
      const leaf = check.compiled.leafOf.get(node);
      if (check.tolerant || leaf === undefined || (leaf.terms.size === 0 && leaf.prefixes.length === 0)) return true;
      const { docTerms } = check;
      return [...leaf.terms].some((term) => docTerms.has(term)) || [...docTerms].some((term) => leaf.prefixes.some((prefix) => term.startsWith(prefix)));
    }
    case 'phrase': {
      const words = check.compiled.leafOf.get(node)?.phrase ?? [];
      return phraseFields(check.article, node.field).some((text) => containsPhraseQuickly(text, words));
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


function phraseFields(article: Article, field: QueryField | undefined): string[] {
  if (field === 'title') return [article.title];
  if (field === 'source') return [article.source ?? '', article.author ?? ''];
  if (field === 'tag') return article.tags;
  return [article.title, article.body];
}

const boosts = new WeakMap<ArticleIndex, Map<Ranking, (doc: number) => number>>();

/** 1 + weight for the newest article, halving with every half-life of age before it. */
function recencyBoost(index: ArticleIndex, ranking: Ranking): (doc: number) => number {
  let perRanking = boosts.get(index);
  if (perRanking === undefined) boosts.set(index, (perRanking = new Map()));
  let boost = perRanking.get(ranking);
  if (boost === undefined) {
    let newest = -Infinity;
    for (const time of index.times) if (time > newest) newest = time;
    const { weight, halfLifeDays } = ranking.recency;
    const halfLife = halfLifeDays * 86_400_000;
    boost = (doc) => {
      const time = index.times[doc]!;
      return Number.isNaN(time) || weight === 0 ? 1 : 1 + weight * 0.5 ** ((newest - time) / halfLife);
    };
    perRanking.set(ranking, boost);
  }
  return boost;
}

function without(matches: Ranked[], already: readonly Ranked[]): Ranked[] {
  const seen = new Set(already.map((match) => match.doc));
  return matches.filter((match) => !seen.has(match.doc));
}

/** The order of a sort: tier first for relevance, undated articles last for both date orders. */
function compareMatches(index: ArticleIndex, sort: SearchRequest['sort']): (a: Ranked, b: Ranked) => number {
  const time = (doc: number) => {
    const value = index.times[doc]!;
    return Number.isNaN(value) ? -Infinity : value;
  };
  const undated = (doc: number) => (Number.isNaN(index.times[doc]!) ? 1 : 0);
  if (sort === 'relevance') return (a, b) => a.tier - b.tier || b.score - a.score || time(b.doc) - time(a.doc) || a.doc - b.doc;
  if (sort === 'newest') return (a, b) => time(b.doc) - time(a.doc) || b.score - a.score || a.doc - b.doc;
  return (a, b) => undated(a.doc) - undated(b.doc) || time(a.doc) - time(b.doc) || b.score - a.score || a.doc - b.doc;
}

function toHit(index: ArticleIndex, match: Ranked, compiled: CompiledQuery | undefined): Hit {
  const article = index.articles[match.doc]!;
  const spec = highlightSpec(compiled, match, index.languages);
  const hit: Hit = {
    id: article.id,
    title: markText(article.title, spec),
    tags: article.tags,
    snippet: makeSnippet(article.body, spec),
    score: match.score,
  };
  if (article.url !== undefined) hit.url = article.url;
  if (article.source !== undefined) hit.source = article.source;
  if (article.date !== undefined) hit.date = article.date;
  return hit;
}

/** Marks what made this document match: its matched terms, and the phrases of the query. */
export function highlightSpec(compiled: CompiledQuery | undefined, match: Ranked, languages: readonly string[]): HighlightSpec {
  if (compiled === undefined) return { terms: new Set(), prefixes: [], phrases: [], languages };
  const phraseLeaves = compiled.leaves.filter((leaf): leaf is Leaf & { phrase: string[] } => leaf.phrase !== undefined);
  const phraseOnly = new Set(phraseLeaves.flatMap((leaf) => [...leaf.terms]));
  for (const leaf of compiled.leaves) if (leaf.phrase === undefined) for (const term of leaf.terms) phraseOnly.delete(term);
  return {
    terms: new Set((match.evaluation?.termsOf(match.doc) ?? []).filter((term) => !phraseOnly.has(term))),
    prefixes: [],
    phrases: phraseLeaves.map((leaf) => leaf.phrase),
    languages,
  };
}
