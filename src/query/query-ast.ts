/**
 * A query string as the engine understands it. Every string parses into one of these
 * (leniently); what the parser had to reinterpret is reported as notices, never as an error.
 */
export type QueryNode = WordNode | PhraseNode | AndNode | OrNode | NotNode;

/** Fields a word or phrase can be limited to: `title:`, `source:`, `tag:`. */
export type QueryField = 'title' | 'source' | 'tag';

export interface WordNode {
  type: 'word';
  /** The word as typed (not analysed): analysis happens where the index is known. */
  text: string;
  /** `word*`, or the last word of the query while it is being typed. */
  prefix: boolean;
  field?: QueryField;
}

export interface PhraseNode {
  type: 'phrase';
  /** The words between the quotes, as typed. */
  text: string;
  field?: QueryField;
}

/** All children must match; a `not` child excludes. */
export interface AndNode {
  type: 'and';
  children: QueryNode[];
}

export interface OrNode {
  type: 'or';
  children: QueryNode[];
}

export interface NotNode {
  type: 'not';
  child: QueryNode;
}

export interface ParsedQuery {
  /** Undefined for a query with nothing to search for (empty, only spaces or punctuation). */
  root?: QueryNode;
  /** What the parser read differently from how it was written, in a sentence each. */
  notices: string[];
}
