import type MiniSearch from 'minisearch';
import type SearchableMap from 'minisearch/SearchableMap';

/**
 * Scores queries over MiniSearch's own postings, without `MiniSearch.search`: that builds a
 * result object per matching document per term and sorts them all, which at 100k articles
 * costs tens of milliseconds for a common word. Here scores accumulate in typed arrays
 * indexed by document, with the same BM25 formula and weights as MiniSearch, and prefix
 * expansion is capped to the most frequent terms.
 */

/** Per field: document -> term frequency. Per term: field id -> that map. */
type FieldPostings = Map<number, Map<number, number>>;

/** The parts of MiniSearch's state scoring reads. They are not public API; this module is their only reader. */
interface MiniSearchState {
  _index: SearchableMap<FieldPostings>;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
}

export type SearchField = 'title' | 'tags' | 'source' | 'body';

/**
 * What the query stage may ask the index for: analysed terms (optionally as a prefix, with
 * typo tolerance, in some fields only, or weighted), every document, a combination, or a
 * `leaf` marker around one query word so coordination can count the words a document has.
 */
export type MatchQuery =
  | { kind: 'term'; term: string; prefix?: boolean; fuzzy?: number; fields?: SearchField[]; weight?: number }
  | { kind: 'and' | 'or'; children: MatchQuery[] }
  | { kind: 'and_not'; include: MatchQuery; exclude: MatchQuery }
  | { kind: 'leaf'; query: MatchQuery }
  | { kind: 'all' };

/** How to score: BM25 parameters, field boosts and expansion weights. */
export interface ScoringOptions {
  bm25: { k: number; b: number; d: number };
  fieldBoosts: Record<SearchField, number>;
  prefixWeight: number;
  fuzzyWeight: number;
}

/** The documents a query matched, in ascending order, with scores and matched word counts. */
export interface Evaluation {
  docs: Int32Array;
  scores: Float64Array;
  /** How many `leaf` parts of the query each document matched. */
  leaves: Uint8Array;
  /** The index terms of the query that occur in `doc` (prefix and typo expansions included). */
  termsOf(doc: number): string[];
}

/** A prefix expands to at most this many terms, the most frequent first. */
export const MAX_PREFIX_TERMS = 40;
const PREFIX_CACHE_SIZE = 2000;

export class QueryEvaluator {
  readonly #state: MiniSearchState;
  readonly #size: number;
  /** MiniSearch's short ids are positions in insertion order; ours are too, but map to be sure. */
  readonly #docOf: Int32Array;
  readonly #shortIdOf: Int32Array;
  readonly #fields: readonly SearchField[];
  readonly #fieldLengths: Float32Array[];
  readonly #fieldIds: number[];
  readonly #prefixCache = new Map<string, [string, FieldPostings][]>();

  constructor(miniSearch: MiniSearch<unknown>, size: number, fields: readonly SearchField[]) {
    this.#state = miniSearch as unknown as MiniSearchState;
    this.#size = size;
    const state = this.#state;
    const shortIds = [...state._documentIds.keys()];
    this.#docOf = new Int32Array(shortIds.reduce((max, id) => Math.max(max, id), -1) + 1).fill(-1);
    this.#shortIdOf = new Int32Array(size).fill(-1);
    for (const [shortId, doc] of state._documentIds) {
      this.#docOf[shortId] = doc as number;
      this.#shortIdOf[doc as number] = shortId;
    }
    this.#fields = fields;
    this.#fieldIds = fields.map((field) => state._fieldIds[field]!);
    this.#fieldLengths = this.#fieldIds.map((fieldId) => {
      const lengths = new Float32Array(size);
      for (const [shortId, perField] of state._fieldLength) lengths[this.#docOf[shortId]!] = perField[fieldId] ?? 0;
      return lengths;
    });
  }

  evaluate(query: MatchQuery, scoring: ScoringOptions): Evaluation {
    const scores = new Float64Array(this.#size);
    const leaves = new Uint8Array(this.#size);
    const used: [string, FieldPostings][] = [];
    const member = this.#evaluate(query, scoring, scores, leaves, used, true);
    let count = 0;
    for (let doc = 0; doc < this.#size; doc++) if (member[doc]) count++;
    const docs = new Int32Array(count);
    const matchedScores = new Float64Array(count);
    const matchedLeaves = new Uint8Array(count);
    for (let doc = 0, i = 0; doc < this.#size; doc++) {
      if (!member[doc]) continue;
      docs[i] = doc;
      matchedScores[i] = scores[doc]!;
      matchedLeaves[i] = leaves[doc]!;
      i++;
    }
    return {
      docs,
      scores: matchedScores,
      leaves: matchedLeaves,
      termsOf: (doc) => {
        const shortId = this.#shortIdOf[doc]!;
        const terms: string[] = [];
        for (const [term, postings] of used) {
          for (const perDoc of postings.values()) {
            if (perDoc.has(shortId)) {
              if (!terms.includes(term)) terms.push(term);
              break;
            }
          }
        }
        return terms;
      },
    };
  }

  #evaluate(
    query: MatchQuery,
    scoring: ScoringOptions,
    scores: Float64Array,
    leaves: Uint8Array,
    used: [string, FieldPostings][],
    scored: boolean,
  ): Uint8Array {
    switch (query.kind) {
      case 'all':
        return new Uint8Array(this.#size).fill(1);
      case 'leaf': {
        const member = this.#evaluate(query.query, scoring, scores, leaves, used, scored);
        if (scored) for (let doc = 0; doc < this.#size; doc++) leaves[doc]! += member[doc]!;
        return member;
      }
      case 'and':
      case 'or': {
        const [first, ...rest] = query.children.map((child) => this.#evaluate(child, scoring, scores, leaves, used, scored));
        const member = first ?? new Uint8Array(this.#size);
        for (const other of rest) {
          if (query.kind === 'and') for (let doc = 0; doc < this.#size; doc++) member[doc]! &= other[doc]!;
          else for (let doc = 0; doc < this.#size; doc++) member[doc]! |= other[doc]!;
        }
        return member;
      }
      case 'and_not': {
        const member = this.#evaluate(query.include, scoring, scores, leaves, used, scored);
        // What is excluded adds nothing to any score.
        const excluded = this.#evaluate(query.exclude, scoring, scores, leaves, [], false);
        for (let doc = 0; doc < this.#size; doc++) if (excluded[doc]) member[doc] = 0;
        return member;
      }
      case 'term':
        return this.#evaluateTerm(query, scoring, scores, used, scored);
    }
  }

  #evaluateTerm(
    query: Extract<MatchQuery, { kind: 'term' }>,
    scoring: ScoringOptions,
    scores: Float64Array,
    used: [string, FieldPostings][],
    scored: boolean,
  ): Uint8Array {
    const member = new Uint8Array(this.#size);
    const boost = query.weight ?? 1;
    const expansions: [string, FieldPostings, number][] = [];
    const exact = this.#state._index.get(query.term);
    if (exact !== undefined) expansions.push([query.term, exact, 1]);
    if (query.prefix) {
      for (const [term, postings] of this.#prefixTerms(query.term)) {
        if (term.length === query.term.length) continue;
        const distance = term.length - query.term.length;
        expansions.push([term, postings, (scoring.prefixWeight * term.length) / (term.length + 0.3 * distance)]);
      }
    }
    if (query.fuzzy) {
      for (const [term, [postings, distance]] of this.#state._index.fuzzyGet(query.term, query.fuzzy)) {
        if (distance === 0 || expansions.some(([known]) => known === term)) continue;
        expansions.push([term, postings, (scoring.fuzzyWeight * term.length) / (term.length + distance)]);
      }
    }
    const fieldIndexes = this.#fields.flatMap((field, i) => (query.fields === undefined || query.fields.includes(field) ? [i] : []));
    const { k, b, d } = scoring.bm25;
    const total = this.#state._documentCount;
    for (const [term, postings, weight] of expansions) {
      if (scored) used.push([term, postings]);
      for (const i of fieldIndexes) {
        const perDoc = postings.get(this.#fieldIds[i]!);
        if (perDoc === undefined) continue;
        const field = this.#fields[i]!;
        const fieldWeight = weight * boost * scoring.fieldBoosts[field];
        const idf = Math.log(1 + (total - perDoc.size + 0.5) / (perDoc.size + 0.5));
        const lengths = this.#fieldLengths[i]!;
        const average = this.#state._avgFieldLength[this.#fieldIds[i]!]!;
        for (const [shortId, frequency] of perDoc) {
          const doc = this.#docOf[shortId]!;
          if (doc < 0) continue;
          member[doc] = 1;
          if (!scored) continue;
          const norm = k * (1 - b + (b * lengths[doc]!) / average);
          scores[doc]! += fieldWeight * idf * (d + (frequency * (k + 1)) / (frequency + norm));
        }
      }
    }
    return member;
  }

  /** The most frequent terms starting with `prefix`, cached: a short prefix has thousands. */
  #prefixTerms(prefix: string): [string, FieldPostings][] {
    let terms = this.#prefixCache.get(prefix);
    if (terms === undefined) {
      const all: [string, FieldPostings, number][] = [];
      for (const [term, postings] of this.#state._index.atPrefix(prefix)) {
        let frequency = 0;
        for (const perDoc of postings.values()) frequency += perDoc.size;
        all.push([term, postings, frequency]);
      }
      all.sort((x, y) => y[2] - x[2]);
      terms = all.slice(0, MAX_PREFIX_TERMS).map(([term, postings]) => [term, postings]);
      if (this.#prefixCache.size >= PREFIX_CACHE_SIZE) this.#prefixCache.clear();
      this.#prefixCache.set(prefix, terms);
    }
    return terms;
  }
}
