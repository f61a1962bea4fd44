import { tokenize } from '../analysis/analyze.ts';

/** The last word becomes a prefix only from this length on: shorter ones match too much. */
export const MIN_PREFIX_LENGTH = 3;

/** A query string read into analysed words; every string parses. */
export interface ParsedQuery {
  /** Analysed words that must match as written. */
  terms: string[];
  /** The word still being typed, matched as a prefix. */
  prefix?: string;
}

export function parseQuery(q: string): ParsedQuery {
  const words = tokenize(q).map((token) => token.term);
  const typing = words.length > 0 && !/[\s"')\]]$/.test(q);
  const last = words.at(-1);
  if (typing && last !== undefined && last.length >= MIN_PREFIX_LENGTH) {
    return { terms: words.slice(0, -1), prefix: last };
  }
  return { terms: words };
}

export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.terms.length === 0 && query.prefix === undefined;
}
