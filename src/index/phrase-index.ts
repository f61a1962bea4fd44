import { Dictionary } from './dictionary.ts';

/**
 * The words of every title and body in order, as numbers: phrases are checked here instead
 * of in the stored text. Postings keep no positions, so a phrase is first matched as all of
 * its words and then checked in each candidate; comparing a few hundred small numbers per
 * article is an order of magnitude faster than a regular expression over its text, which is
 * what kept a phrase of common words from answering in time in a big archive.
 *
 * Words are folded as `phraseWords` gives them (hyphenated words as their parts), stop words
 * included, numbered from 1; 0 separates an article's title from its body. Numbers take two
 * bytes each while the archive has fewer than 65,536 distinct words, four beyond.
 */
export interface PhraseIndex {
  /** The word of each number; number 0 is the separator. */
  words: readonly string[];
  /** `documents + 1` offsets into `sequence`. */
  starts: Uint32Array;
  sequence: Uint16Array | Uint32Array;
}

const SEPARATOR = 0;

export class PhraseIndexBuilder {
  readonly #words = new Dictionary();
  #sequence = new Uint32Array(1 << 16);
  #length = 0;
  readonly #starts: number[] = [0];

  constructor() {
    // Number 0 is the separator; no folded word is empty.
    this.#words.idOf('');
  }

  /** The number of a folded word, assigned on first sight. */
  wordId(word: string): number {
    return this.#words.idOf(word);
  }

  /** Adds the next document's title and body words (numbers from `wordId`). */
  addDocument(title: readonly number[], body: readonly number[]): void {
    const needed = this.#length + title.length + 1 + body.length;
    if (needed > this.#sequence.length) {
      const bigger = new Uint32Array(Math.max(needed, this.#sequence.length * 2));
      bigger.set(this.#sequence.subarray(0, this.#length));
      this.#sequence = bigger;
    }
    for (const id of title) this.#sequence[this.#length++] = id;
    this.#sequence[this.#length++] = SEPARATOR;
    for (const id of body) this.#sequence[this.#length++] = id;
    this.#starts.push(this.#length);
  }

  finish(): PhraseIndex {
    const used = this.#sequence.subarray(0, this.#length);
    return {
      words: this.#words.values,
      starts: Uint32Array.from(this.#starts),
      sequence: this.#words.values.length <= 0x10000 ? Uint16Array.from(used) : used.slice(),
    };
  }
}

/**
 * Bits of a document's pair filter per word it has, before rounding up to a power of two:
 * with two bits set per pair, about one article in forty that has a phrase's words but not
 * side by side gets past the filter (measured on 100k synthetic articles).
 */
const FILTER_BITS_PER_WORD = 8;
const MIN_FILTER_WORDS = 2;
/** Words in the phrase index up to which `prepare` builds the filters at once (a few milliseconds' work). */
const FILTERS_AT_ONCE = 2_000_000;
const FILTER_STEP_MS = 2;

/**
 * Looks phrases up in a `PhraseIndex`. A phrase of common words has tens of thousands of
 * candidates, each a few hundred words to scan; so each document also gets a small Bloom
 * filter of the word pairs it has, and a document whose filter lacks a pair of the phrase is
 * never scanned. The filters are derived from the sequence, not stored: `prepare` and
 * `buildFilters` fill them in, document by document; until a document's is built it is scanned.
 */
export class PhraseMatcher {
  readonly #index: PhraseIndex;
  readonly #ids: Map<string, number>;
  /** Per document, where its filter starts in `#filters`, in 32-bit words; a filter's size is a power of two. */
  #filterStarts = new Uint32Array(1);
  #filters = new Uint32Array(0);
  /** Documents below this one have their filters built. */
  #filtered = 0;

  constructor(index: PhraseIndex) {
    this.#index = index;
    this.#ids = new Map(index.words.map((word, id) => [word, id]));
  }

  /**
   * Starts building the filters of an index that will be searched (an index only being saved
   * needs none): a small one's at once, a big one's a few milliseconds at a time between requests.
   */
  prepare(): void {
    if (this.#index.sequence.length <= FILTERS_AT_ONCE) {
      this.buildFilters();
      return;
    }
    const step = () => {
      if (!this.buildFilters(performance.now() + FILTER_STEP_MS)) setTimeout(step, 1).unref();
    };
    setTimeout(step, 1).unref();
  }

  /** Builds the pair filters of further documents until `deadline` (a `performance.now()` time); true once all are built. */
  buildFilters(deadline = Infinity): boolean {
    const { starts, sequence } = this.#index;
    const documents = starts.length - 1;
    if (this.#filterStarts.length !== documents + 1) this.#allocateFilters();
    const filters = this.#filters;
    while (this.#filtered < documents) {
      const doc = this.#filtered;
      const base = this.#filterStarts[doc]!;
      const mask = (this.#filterStarts[doc + 1]! - base) * 32 - 1;
      for (let i = starts[doc]! + 1; i < starts[doc + 1]!; i++) {
        const h = pairHash(sequence[i - 1]!, sequence[i]!);
        const first = h & mask;
        const second = ((h >>> 16) | (h << 16)) & mask;
        filters[base + (first >>> 5)]! |= 1 << (first & 31);
        filters[base + (second >>> 5)]! |= 1 << (second & 31);
      }
      this.#filtered = doc + 1;
      if ((doc & 255) === 255 && performance.now() > deadline) break;
    }
    return this.#filtered === documents;
  }

  #allocateFilters(): void {
    const { starts } = this.#index;
    const documents = starts.length - 1;
    this.#filterStarts = new Uint32Array(documents + 1);
    for (let doc = 0; doc < documents; doc++) {
      const wanted = ((starts[doc + 1]! - starts[doc]!) * FILTER_BITS_PER_WORD) / 32;
      let size = MIN_FILTER_WORDS;
      while (size < wanted) size *= 2;
      this.#filterStarts[doc + 1] = this.#filterStarts[doc]! + size;
    }
    this.#filters = new Uint32Array(this.#filterStarts[documents]!);
  }

  /** False when a document's filter says some pair of neighbouring words of `ids` is not in it. */
  #mayHavePairs(doc: number, ids: readonly number[]): boolean {
    if (doc >= this.#filtered) return true;
    const filters = this.#filters;
    const base = this.#filterStarts[doc]!;
    const mask = (this.#filterStarts[doc + 1]! - base) * 32 - 1;
    for (let k = 1; k < ids.length; k++) {
      const h = pairHash(ids[k - 1]!, ids[k]!);
      const first = h & mask;
      const second = ((h >>> 16) | (h << 16)) & mask;
      if ((filters[base + (first >>> 5)]! & (1 << (first & 31))) === 0) return false;
      if ((filters[base + (second >>> 5)]! & (1 << (second & 31))) === 0) return false;
    }
    return true;
  }

  /** A document's word numbers in order: its title, the separator 0, then its body. */
  wordsOf(doc: number): Uint16Array | Uint32Array {
    const { starts, sequence } = this.#index;
    return sequence.subarray(starts[doc]!, starts[doc + 1]!);
  }

  /** The folded word a number stands for. */
  word(id: number): string {
    return this.#index.words[id]!;
  }

  /** The numbers of a phrase's folded words; undefined when one never occurs, so nothing can match. */
  idsOf(words: readonly string[]): number[] | undefined {
    const ids: number[] = [];
    for (const word of words) {
      const id = this.#ids.get(word);
      if (id === undefined || id === SEPARATOR) return undefined;
      ids.push(id);
    }
    return ids;
  }

  /** Whether a document's title (or, unless `titleOnly`, its title or body) has the words `ids` in a row. */
  contains(doc: number, ids: readonly number[], titleOnly = false): boolean {
    if (ids.length === 0 || !this.#mayHavePairs(doc, ids)) return false;
    const { starts, sequence } = this.#index;
    let words = sequence.subarray(starts[doc]!, starts[doc + 1]!);
    if (titleOnly) words = words.subarray(0, words.indexOf(SEPARATOR));
    // Look for the word numbered last (numbers go by first appearance, so it is likely the
    // rarest) with the native search, then compare its neighbours.
    let anchor = 0;
    for (let k = 1; k < ids.length; k++) if (ids[k]! > ids[anchor]!) anchor = k;
    const wanted = ids[anchor]!;
    const last = words.length - ids.length + anchor;
    for (let i = words.indexOf(wanted, anchor); i !== -1 && i <= last; i = words.indexOf(wanted, i + 1)) {
      let j = 0;
      while (j < ids.length && words[i - anchor + j] === ids[j]) j++;
      if (j === ids.length) return true;
    }
    return false;
  }
}

/** A hash of two neighbouring word numbers (the separator included: no phrase has it, so its pairs only cost bits). */
function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
