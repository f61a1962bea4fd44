import type { Postings } from './postings.ts';

/**
 * Scores queries over the typed-array postings: scores accumulate in arrays indexed by
 * document, with MiniSearch's BM25 formula and field weights, and prefix expansion is capped
 * to the most frequent terms.
 */

export type SearchField = 'title' | 'tags' | 'source' | 'body';

/**
 * What the query stage may ask the index for: analysed terms (optionally as a prefix, with
 * typo tolerance, in some fields only, or weighted), every document, a combination, or a
 * `leaf` marker around one query word so coordination can weigh the words a document has.
 * A leaf's `exact` is its word as written; without one, any match of the leaf counts as exact.
 */
export type MatchQuery =
  | { kind: 'term'; term: string; prefix?: boolean; fuzzy?: number; fields?: SearchField[]; weight?: number }
  | { kind: 'and' | 'or'; children: MatchQuery[] }
  | { kind: 'and_not'; include: MatchQuery; exclude: MatchQuery }
  | { kind: 'leaf'; query: MatchQuery; exact?: Extract<MatchQuery, { kind: 'term' }> }
  | { kind: 'all' };

/** How to score: BM25 parameters, field boosts and expansion weights. */
export interface ScoringOptions {
  bm25: { k: number; b: number; d: number };
  fieldBoosts: Record<SearchField, number>;
  prefixWeight: number;
  fuzzyWeight: number;
}

/** The documents a query matched, in ascending order, with scores and the share of the query they matched. */
export interface Evaluation {
  docs: Int32Array;
  scores: Float64Array;
  /**
   * The `leaf` parts of the query each document matched, each weighted by its rarity (inverse
   * document frequency), as a share of them all: an article that lacks only "what" of
   * "what is aileron buzz" keeps almost all of it, one that lacks "aileron" loses much.
   */
  coverage: Float32Array;
  /**
   * The same share counting only leaves matched as written (not merely by their stem), each
   * weighted by the rarity of the form as written.
   */
  exactCoverage: Float32Array;
  /** The index terms of the query that occur in `doc` (prefix and typo expansions included). */
  termsOf(doc: number): string[];
}

/** A prefix expands to at most this many terms, the most frequent first, */
export const MAX_PREFIX_TERMS = 40;
/** and to at most twice as many postings as the archive has articles. */
const MAX_PREFIX_POSTINGS_PER_DOCUMENT = 2;
const PREFIX_CACHE_SIZE = 2000;

export class QueryEvaluator {
  readonly #postings: Postings;
  readonly #size: number;
  readonly #fields: readonly SearchField[];
  readonly #prefixCache = new Map<string, number[]>();
  /** Scratch arrays reused by every evaluation: allocating them per search fed the garbage collector megabytes a second. */
  readonly #scores: Float64Array;
  /**
   * Per document, the leaves of the evaluation under way it matched (bit n of word n / 32 for
   * leaf n) and those it matched as written; integer bits, since a pass adding floats per leaf
   * cost more than scoring. The second words, for leaves 32 to 63, are cleared only when used.
   */
  readonly #leafBits: [Uint32Array, Uint32Array];
  readonly #exactBits: [Uint32Array, Uint32Array];
  #highBitsUsed = false;
  /** The weight (rarity) of each leaf of the evaluation under way, and of its form as written. */
  #leafWeights: number[] = [];
  #exactWeights: number[] = [];
  readonly #scratchArrays: Uint8Array[] = [];
  #scratchUsed = 0;

  /** `fields` names the fields of `postings`, in order. */
  constructor(postings: Postings, fields: readonly SearchField[]) {
    this.#postings = postings;
    this.#size = postings.documentCount;
    this.#fields = fields;
    this.#scores = new Float64Array(this.#size);
    this.#leafBits = [new Uint32Array(this.#size), new Uint32Array(this.#size)];
    this.#exactBits = [new Uint32Array(this.#size), new Uint32Array(this.#size)];
  }

  evaluate(query: MatchQuery, scoring: ScoringOptions): Evaluation {
    const scores = this.#scores.fill(0);
    const [leafBits, leafBitsHigh] = this.#leafBits;
    const [exactBits, exactBitsHigh] = this.#exactBits;
    leafBits.fill(0);
    exactBits.fill(0);
    this.#highBitsUsed = false;
    this.#leafWeights = [];
    this.#exactWeights = [];
    const used: number[] = [];
    this.#scratchUsed = 0;
    const member = this.#evaluate(query, scoring, scores, used, true);
    // Members are 0 or 1: counting and gathering add them instead of branching on them, which
    // mispredicts at every turn when a common word matches every other document.
    const size = this.#size;
    let count = 0;
    for (let doc = 0; doc < size; doc++) count += member[doc]!;
    // One spare slot: the gathering loop writes each document before knowing whether it stays.
    const docs = new Int32Array(count + 1);
    const matchedScores = new Float64Array(count + 1);
    const matchedBits = new Uint32Array(count + 1);
    const matchedExactBits = new Uint32Array(count + 1);
    for (let doc = 0, i = 0; doc < size; doc++) {
      docs[i] = doc;
      matchedScores[i] = scores[doc]!;
      matchedBits[i] = leafBits[doc]!;
      matchedExactBits[i] = exactBits[doc]!;
      i += member[doc]!;
    }
    const coverage = new Float32Array(count);
    const exactCoverage = new Float32Array(count);
    const leafShare = shareOf(this.#leafWeights);
    const exactShare = shareOf(this.#exactWeights);
    const high = this.#highBitsUsed;
    // Articles with the same words come in runs: each run's shares are added up once.
    let last = -1;
    let lastHigh = -1;
    let lastExact = -1;
    let lastExactHigh = -1;
    for (let i = 0; i < count; i++) {
      const doc = docs[i]!;
      const bits = matchedBits[i]!;
      const bitsHigh = high ? leafBitsHigh[doc]! : 0;
      if (bits !== last || bitsHigh !== lastHigh) {
        last = bits;
        lastHigh = bitsHigh;
        leafShare.set(bits, bitsHigh);
      }
      const exact = matchedExactBits[i]! & bits;
      const exactHigh = high ? exactBitsHigh[doc]! & bitsHigh : 0;
      if (exact !== lastExact || exactHigh !== lastExactHigh) {
        lastExact = exact;
        lastExactHigh = exactHigh;
        exactShare.set(exact, exactHigh);
      }
      coverage[i] = leafShare.value;
      exactCoverage[i] = exactShare.value;
    }
    const terms = [...new Set(used)];
    return {
      docs: docs.subarray(0, count),
      scores: matchedScores.subarray(0, count),
      coverage,
      exactCoverage,
      termsOf: (doc) => terms.filter((term) => this.#occurs(term, doc)).map((term) => this.#postings.terms[term]!),
    };
  }

  /** A lower bound of the documents `query` matches: a term's longest postings in the fields it asks for, the best of an OR. */
  leastMatches(query: MatchQuery): number {
    switch (query.kind) {
      case 'all':
        return this.#size;
      case 'leaf':
        return this.leastMatches(query.query);
      case 'or':
        return Math.max(0, ...query.children.map((child) => this.leastMatches(child)));
      case 'and':
        return query.children.length === 1 ? this.leastMatches(query.children[0]!) : 0;
      case 'and_not':
        return 0;
      case 'term': {
        const term = this.#postings.dictionary.get(query.term);
        if (term === undefined) return 0;
        let least = 0;
        this.#fields.forEach((field, i) => {
          if (query.fields !== undefined && !query.fields.includes(field)) return;
          const { starts } = this.#postings.fields[i]!;
          least = Math.max(least, starts[term + 1]! - starts[term]!);
        });
        return least;
      }
    }
  }

  /** Whether a term occurs in a document, in any field: a binary search of its postings. */
  #occurs(term: number, doc: number): boolean {
    for (const { starts, docs } of this.#postings.fields) {
      let low = starts[term]!;
      let high = starts[term + 1]!;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (docs[middle]! < doc) low = middle + 1;
        else high = middle;
      }
      if (low < starts[term + 1]! && docs[low] === doc) return true;
    }
    return false;
  }

  #evaluate(
    query: MatchQuery,
    scoring: ScoringOptions,
    scores: Float64Array,
    used: number[],
    scored: boolean,
    into?: Uint8Array,
  ): Uint8Array {
    switch (query.kind) {
      case 'all':
        return (into ?? this.#scratch()).fill(1);
      case 'leaf': {
        const member = this.#evaluate(query.query, scoring, scores, used, scored);
        if (scored) this.#cover(query, member);
        return this.#merge(member, into);
      }
      case 'or': {
        // Terms mark their documents in the array they are given: an OR of terms needs no merging.
        const member = into ?? this.#scratch();
        for (const child of query.children) this.#evaluate(child, scoring, scores, used, scored, member);
        return member;
      }
      case 'and': {
        const [first, ...rest] = query.children.map((child) => this.#evaluate(child, scoring, scores, used, scored));
        const member = first ?? this.#scratch();
        for (const other of rest) for (let doc = 0; doc < this.#size; doc++) member[doc]! &= other[doc]!;
        return this.#merge(member, into);
      }
      case 'and_not': {
        const member = this.#evaluate(query.include, scoring, scores, used, scored);
        // What is excluded adds nothing to any score.
        const excluded = this.#evaluate(query.exclude, scoring, scores, [], false);
        for (let doc = 0; doc < this.#size; doc++) if (excluded[doc]) member[doc] = 0;
        return this.#merge(member, into);
      }
      case 'term':
        return this.#evaluateTerm(query, scoring, scores, used, scored, into ?? this.#scratch());
    }
  }

  /**
   * A cleared array of one byte per document. Evaluations reuse them: a new 100 kB array per
   * query node, several per search, kept the garbage collector busy for external memory.
   */
  #scratch(): Uint8Array {
    const array = this.#scratchArrays[this.#scratchUsed];
    this.#scratchUsed++;
    if (array !== undefined) return array.fill(0);
    const fresh = new Uint8Array(this.#size);
    this.#scratchArrays.push(fresh);
    return fresh;
  }

  /** Marks the documents a leaf matched, and those with its form as written, for `Evaluation.coverage`. */
  #cover(leaf: Extract<MatchQuery, { kind: 'leaf' }>, member: Uint8Array): void {
    const number = this.#leafWeights.length;
    // A query has at most 64 words (MAX_TERMS); any further leaf goes uncounted.
    if (number >= 64) return;
    const word = number >>> 5;
    const shift = number & 31;
    const bit = 1 << shift;
    if (word === 1 && !this.#highBitsUsed) {
      this.#highBitsUsed = true;
      this.#leafBits[1].fill(0);
      this.#exactBits[1].fill(0);
    }
    const bits = this.#leafBits[word]!;
    const exactBits = this.#exactBits[word]!;
    const size = this.#size;
    const exactIsMember = leaf.exact === undefined;
    let matched = 0;
    for (let doc = 0; doc < size; doc++) {
      const m = member[doc]!;
      matched += m;
      bits[doc]! |= m << shift;
      if (exactIsMember) exactBits[doc]! |= m << shift;
    }
    this.#leafWeights.push(rarity(size, matched));
    let exactMatched = matched;
    if (leaf.exact !== undefined) {
      exactMatched = 0;
      const term = this.#postings.dictionary.get(leaf.exact.term);
      if (term !== undefined) {
        for (const i of this.#fieldIndexes(leaf.exact.fields)) {
          const { starts, docs } = this.#postings.fields[i]!;
          for (let at = starts[term]!; at < starts[term + 1]!; at++) {
            const doc = docs[at]!;
            if ((exactBits[doc]! & bit) === 0) {
              exactBits[doc]! |= bit;
              exactMatched++;
            }
          }
        }
      }
    }
    this.#exactWeights.push(rarity(size, exactMatched));
  }

  #fieldIndexes(fields: readonly SearchField[] | undefined): number[] {
    return this.#fields.flatMap((field, i) => (fields === undefined || fields.includes(field) ? [i] : []));
  }

  /** `member`, added to `into` when there is one. */
  #merge(member: Uint8Array, into: Uint8Array | undefined): Uint8Array {
    if (into === undefined) return member;
    for (let doc = 0; doc < this.#size; doc++) into[doc]! |= member[doc]!;
    return into;
  }

  #evaluateTerm(
    query: Extract<MatchQuery, { kind: 'term' }>,
    scoring: ScoringOptions,
    scores: Float64Array,
    used: number[],
    scored: boolean,
    member: Uint8Array,
  ): Uint8Array {
    const postings = this.#postings;
    const boost = query.weight ?? 1;
    const expansions: [number, number][] = [];
    const exact = postings.dictionary.get(query.term);
    if (exact !== undefined) expansions.push([exact, 1]);
    if (query.prefix) {
      for (const term of this.#prefixTerms(query.term)) {
        const length = postings.terms[term]!.length;
        if (length === query.term.length) continue;
        const distance = length - query.term.length;
        expansions.push([term, (scoring.prefixWeight * length) / (length + 0.3 * distance)]);
      }
    }
    if (query.fuzzy) {
      for (const [text, [term, distance]] of postings.dictionary.fuzzyGet(query.term, query.fuzzy)) {
        if (distance === 0 || expansions.some(([known]) => known === term)) continue;
        expansions.push([term, (scoring.fuzzyWeight * text.length) / (text.length + distance)]);
      }
    }
    const fieldIndexes = this.#fieldIndexes(query.fields);
    const { k, b, d } = scoring.bm25;
    const total = postings.documentCount;
    for (const [term, weight] of expansions) {
      if (scored) used.push(term);
      for (const i of fieldIndexes) {
        const { starts, docs, frequencies } = postings.fields[i]!;
        const start = starts[term]!;
        const end = starts[term + 1]!;
        if (start === end) continue;
        const fieldWeight = weight * boost * scoring.fieldBoosts[this.#fields[i]!];
        const idf = rarity(total, end - start);
        const lengths = postings.fieldLengths[i]!;
        const average = postings.averageFieldLength[i]!;
        for (let at = start; at < end; at++) {
          const doc = docs[at]!;
          member[doc] = 1;
          if (!scored) continue;
          const frequency = frequencies[at]!;
          const norm = k * (1 - b + (b * lengths[doc]!) / average);
          scores[doc]! += fieldWeight * idf * (d + (frequency * (k + 1)) / (frequency + norm));
        }
      }
    }
    return member;
  }

  /** The most frequent terms starting with `prefix`, cached: a short prefix has thousands. */
  #prefixTerms(prefix: string): number[] {
    let terms = this.#prefixCache.get(prefix);
    if (terms === undefined) {
      const frequency = this.#postings.frequency;
      const all = [...this.#postings.dictionary.atPrefix(prefix).values()];
      all.sort((x, y) => frequency[y]! - frequency[x]!);
      // The most frequent first, until their postings would outnumber the archive twice over:
      // beyond that a short prefix's rarer completions cost time and change no top result.
      const budget = MAX_PREFIX_POSTINGS_PER_DOCUMENT * this.#size;
      let postings = 0;
      terms = [];
      for (const term of all) {
        if (terms.length === MAX_PREFIX_TERMS || (terms.length > 0 && postings + frequency[term]! > budget)) break;
        terms.push(term);
        postings += frequency[term]!;
      }
      if (this.#prefixCache.size >= PREFIX_CACHE_SIZE) this.#prefixCache.clear();
      this.#prefixCache.set(prefix, terms);
    }
    return terms;
  }
}

/** Inverse document frequency (BM25's): how telling it is that a document has a word `matched` of `size` documents have. */
export function rarity(size: number, matched: number): number {
  return Math.log(1 + (size - matched + 0.5) / (matched + 0.5));
}

/**
 * The share of some leaves' weights a set of them has (bits of two words, as in
 * `QueryEvaluator`). A query without leaves (all articles) is wholly covered.
 */
function shareOf(weights: readonly number[]): { value: number; set(bits: number, bitsHigh: number): void } {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const share = {
    value: 1,
    set(bits: number, bitsHigh: number) {
      if (total === 0) return;
      let sum = 0;
      for (let rest = bits; rest !== 0; rest &= rest - 1) sum += weights[31 - Math.clz32(rest & -rest)]!;
      for (let rest = bitsHigh; rest !== 0; rest &= rest - 1) sum += weights[63 - Math.clz32(rest & -rest)]!;
      share.value = sum / total;
    },
  };
  return share;
}
