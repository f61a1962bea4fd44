import SearchableMap from 'minisearch/SearchableMap';
import { Dictionary } from './dictionary.ts';

/**
 * The inverted index as typed arrays. MiniSearch keeps postings as a `Map` per term and field
 * from document to frequency: at 100k articles that is tens of millions of map entries, most
 * of the heap, most of the build and load time, and microseconds per matching document when
 * scoring. Here each field's postings are one compressed-sparse-row table: the documents of
 * term `t` are `docs[starts[t]]` to `docs[starts[t + 1] - 1]`, ascending, with their
 * frequencies alongside. Terms are numbered; MiniSearch's radix tree (`SearchableMap`) maps
 * each term to its number for exact, prefix and fuzzy lookups.
 */
export interface FieldPostings {
  /** `termCount + 1` offsets into `docs` and `frequencies`. */
  starts: Uint32Array;
  docs: Uint32Array;
  /** Clamped at 255: BM25 saturates long before, so a byte loses nothing that ranks. */
  frequencies: Uint8Array;
}

export interface Postings {
  /** Term of each term number. */
  terms: readonly string[];
  dictionary: SearchableMap<number>;
  fields: readonly FieldPostings[];
  /** Per field, per document: its number of distinct terms (MiniSearch's field length). */
  fieldLengths: readonly Uint16Array[];
  averageFieldLength: readonly number[];
  documentCount: number;
  /** In how many (document, field) pairs each term occurs: how common it is, for prefix expansion. */
  frequency: Uint32Array;
}

const MAX_FREQUENCY = 0xff;
const MAX_FIELD_LENGTH = 0xffff;

/** The parts of a `Postings` that are stored; the dictionary and frequencies are derived from them. */
export interface PostingsData {
  terms: readonly string[];
  fields: readonly FieldPostings[];
  fieldLengths: readonly Uint16Array[];
  documentCount: number;
}

/** Derives the lookups of a postings table: the term dictionary, field averages, term frequencies. */
export function completePostings(data: PostingsData): Postings {
  const { terms, fields, fieldLengths, documentCount } = data;
  const dictionary = new SearchableMap<number>();
  terms.forEach((term, id) => dictionary.set(term, id));
  const frequency = new Uint32Array(terms.length);
  for (const field of fields) {
    for (let term = 0; term < terms.length; term++) frequency[term]! += field.starts[term + 1]! - field.starts[term]!;
  }
  const averageFieldLength = fieldLengths.map((lengths) => {
    let total = 0;
    for (const length of lengths) total += length;
    return documentCount === 0 ? 0 : total / documentCount;
  });
  return { terms, dictionary, fields, fieldLengths, averageFieldLength, documentCount, frequency };
}

/** Appends to a typed array, doubling its storage as needed. */
class Growable<T extends Uint32Array | Uint16Array | Uint8Array> {
  length = 0;
  constructor(
    public array: T,
    readonly make: (size: number) => T,
  ) {}

  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
}

/**
 * Accumulates postings document by document (the build's inner loop): terms are numbered as
 * they first appear, each field collects (term, document, frequency) triples in document
 * order, and `finish` sorts them by term with a counting sort, which keeps documents ascending.
 */
export class PostingsBuilder {
  readonly #terms = new Dictionary();
  readonly #triples: { terms: Growable<Uint32Array>; docs: Growable<Uint32Array>; frequencies: Growable<Uint8Array> }[];
  readonly #fieldLengths: Growable<Uint16Array>[];
  /** Occurrences of each term in the field being added, and which terms were seen. */
  #counts = new Uint32Array(1024);
  readonly #seen: number[] = [];
  #documents = 0;

  constructor(readonly fieldCount: number) {
    const u32 = (size: number) => new Uint32Array(size);
    const u16 = (size: number) => new Uint16Array(size);
    const u8 = (size: number) => new Uint8Array(size);
    this.#triples = Array.from({ length: fieldCount }, () => ({
      terms: new Growable(u32(1024), u32),
      docs: new Growable(u32(1024), u32),
      frequencies: new Growable(u8(1024), u8),
    }));
    this.#fieldLengths = Array.from({ length: fieldCount }, () => new Growable(u16(1024), u16));
  }

  /** The number of a term, assigned on first sight. */
  termId(term: string): number {
    const id = this.#terms.idOf(term);
    if (id === this.#counts.length) {
      const bigger = new Uint32Array(id * 2);
      bigger.set(this.#counts);
      this.#counts = bigger;
    }
    return id;
  }

  /** Adds the next document (numbered in order) with the term numbers of each field, repeats included. */
  addDocument(fieldTerms: readonly (readonly number[])[]): number {
    const doc = this.#documents++;
    const counts = this.#counts;
    const seen = this.#seen;
    for (let field = 0; field < this.fieldCount; field++) {
      for (const term of fieldTerms[field] ?? []) if (counts[term]!++ === 0) seen.push(term);
      const triples = this.#triples[field]!;
      for (const term of seen) {
        triples.terms.push(term);
        triples.docs.push(doc);
        triples.frequencies.push(Math.min(counts[term]!, MAX_FREQUENCY));
        counts[term] = 0;
      }
      this.#fieldLengths[field]!.push(Math.min(seen.length, MAX_FIELD_LENGTH));
      seen.length = 0;
    }
    return doc;
  }

  finish(): Postings {
    const termCount = this.#terms.values.length;
    const fields = this.#triples.map(({ terms, docs, frequencies }): FieldPostings => {
      const starts = new Uint32Array(termCount + 1);
      for (let i = 0; i < terms.length; i++) starts[terms.array[i]! + 1]!++;
      for (let term = 0; term < termCount; term++) starts[term + 1]! += starts[term]!;
      const next = starts.slice(0, termCount);
      const sortedDocs = new Uint32Array(terms.length);
      const sortedFrequencies = new Uint8Array(terms.length);
      for (let i = 0; i < terms.length; i++) {
        const at = next[terms.array[i]!]!++;
        sortedDocs[at] = docs.array[i]!;
        sortedFrequencies[at] = frequencies.array[i]!;
      }
      return { starts, docs: sortedDocs, frequencies: sortedFrequencies };
    });
    const fieldLengths = this.#fieldLengths.map((lengths) => lengths.array.slice(0, lengths.length));
    return completePostings({ terms: this.#terms.values, fields, fieldLengths, documentCount: this.#documents });
  }
}
