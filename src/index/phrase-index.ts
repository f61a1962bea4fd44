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

/** Looks phrases up in a `PhraseIndex`. */
export class PhraseMatcher {
  readonly #index: PhraseIndex;
  readonly #ids: Map<string, number>;

  constructor(index: PhraseIndex) {
    this.#index = index;
    this.#ids = new Map(index.words.map((word, id) => [word, id]));
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
    if (ids.length === 0) return false;
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
