import MiniSearch, { type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';

/**
 * MiniSearch's index as plain data: what `addAll` builds one token at a time and `loadJS`
 * restores from its JSON form. Building it here, a document at a time with a hash map, and
 * handing it to MiniSearch in one go is several times faster than `addAll` (which walks the
 * radix tree for every token); the snapshot stores it with numeric arrays instead of objects
 * keyed by strings. Documents are numbered from 0 in order, and MiniSearch's short ids are
 * those numbers.
 */
export interface IndexState {
  /** term -> field id -> document -> term frequency. */
  postings: Map<string, Map<number, Map<number, number>>>;
  /** document -> per field id, the number of distinct terms (MiniSearch's field length). */
  fieldLength: Map<number, number[]>;
  averageFieldLength: number[];
  documentCount: number;
}

/** The state MiniSearch keeps, as `loadJS` sets it (minisearch 7.2, pinned in package.json). */
interface MiniSearchInternals {
  _index: SearchableMap<Map<number, Map<number, number>>>;
  _documentIds: Map<number, number>;
  _idToShortId: Map<number, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  _storedFields: Map<number, unknown>;
}

/** Accumulates the state document by document: the index build's inner loop. */
export class IndexStateBuilder {
  readonly #postings = new Map<string, Map<number, Map<number, number>>>();
  readonly #fieldLength = new Map<number, number[]>();
  readonly #lengthTotals: number[];
  #documents = 0;

  constructor(readonly fieldCount: number) {
    this.#lengthTotals = new Array<number>(fieldCount).fill(0);
  }

  /** Adds the next document (numbered in order) with the analysed terms of each field. */
  addDocument(fieldTerms: readonly (readonly string[])[]): void {
    const doc = this.#documents++;
    const lengths: number[] = [];
    fieldTerms.forEach((terms, fieldId) => {
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      lengths[fieldId] = counts.size;
      this.#lengthTotals[fieldId]! += counts.size;
      for (const [term, frequency] of counts) {
        let fields = this.#postings.get(term);
        if (fields === undefined) this.#postings.set(term, (fields = new Map()));
        let documents = fields.get(fieldId);
        if (documents === undefined) fields.set(fieldId, (documents = new Map()));
        documents.set(doc, frequency);
      }
    });
    this.#fieldLength.set(doc, lengths);
  }

  finish(): IndexState {
    const documentCount = this.#documents;
    return {
      postings: this.#postings,
      fieldLength: this.#fieldLength,
      averageFieldLength: this.#lengthTotals.map((total) => (documentCount === 0 ? 0 : total / documentCount)),
      documentCount,
    };
  }
}

/** A MiniSearch instance holding `state`, set up the way `MiniSearch.loadJS` sets up a restored one. */
export function miniSearchFromState<T>(state: IndexState, options: Options<T>): MiniSearch<T> {
  const miniSearch = new MiniSearch<T>(options);
  const internals = miniSearch as unknown as MiniSearchInternals;
  const documents = Array.from({ length: state.documentCount }, (_, doc): [number, number] => [doc, doc]);
  internals._documentIds = new Map(documents);
  internals._idToShortId = new Map(documents);
  internals._fieldLength = state.fieldLength;
  internals._avgFieldLength = state.averageFieldLength;
  internals._documentCount = state.documentCount;
  internals._nextId = state.documentCount;
  internals._dirtCount = 0;
  internals._storedFields = new Map();
  internals._index = SearchableMap.from(state.postings) as SearchableMap<Map<number, Map<number, number>>>;
  return miniSearch;
}

/** The state of a MiniSearch instance made by `miniSearchFromState`, for the snapshot. */
export function stateOf(miniSearch: MiniSearch<unknown>): IndexState {
  const internals = miniSearch as unknown as MiniSearchInternals;
  return {
    postings: new Map(internals._index),
    fieldLength: internals._fieldLength,
    averageFieldLength: internals._avgFieldLength,
    documentCount: internals._documentCount,
  };
}
