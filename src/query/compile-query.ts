import { foldWord, phraseWords, tokenize, type Token } from '../analysis/analyze.ts';
import { analyzerFor, EXACT_MARK } from '../analysis/analyzer.ts';
import type { ArticleIndex, MatchQuery, SearchField } from '../index/article-index.ts';
import type { PhraseNode, QueryField, QueryNode, WordNode } from './query-ast.ts';
import type { Ranking } from './ranking.ts';
import { likelyCorrection } from './spelling.ts';

/** Typo tolerance starts at this many letters; shorter words have too many neighbours. */
export const MIN_FUZZY_LENGTH = 6;

const FIELDS: Record<QueryField, SearchField[]> = { title: ['title'], source: ['source'], tag: ['tags'] };
const ALL: MatchQuery = { kind: 'all' };

/** A word or phrase of the query that documents must (or may) contain. */
export interface Leaf {
  node: WordNode | PhraseNode;
  /** Index terms a document has when it matches the leaf exactly (stems and exact forms). */
  terms: Set<string>;
  /** For a prefix word: document terms starting with one of these match. */
  prefixes: string[];
  /** For a phrase: its folded words in order, stop words included. */
  phrase?: string[];
}

/** A query ready to run: the same query at three strictnesses, plus what checks it needs. */
export interface CompiledQuery {
  root: QueryNode;
  /** All words as written. */
  strict: MatchQuery;
  /** Any of the words and phrases of a plain query: for filling below too few strict matches. */
  loose?: MatchQuery;
  /** All words, with typo tolerance for long ones. */
  tolerant?: MatchQuery;
  /** The positive leaves, which coordination and highlighting count. */
  leaves: Leaf[];
  leafOf: Map<QueryNode, Leaf>;
  /** True when phrases must be checked against the stored text. */
  hasPhrases: boolean;
}

/** What compiling needs of the index: its languages, and which words the archive contains. */
export type Vocabulary = Pick<ArticleIndex, 'languages' | 'words'>;

/** Turns a parsed query into index queries, analysing each word in every language of the index. */
export function compileQuery(root: QueryNode, index: Vocabulary, ranking: Ranking): CompiledQuery {
  const { languages } = index;
  const leaves: Leaf[] = [];
  const leafOf = new Map<QueryNode, Leaf>();
  let hasPhrases = false;
  let hasTypoCandidates = false;

  const wordLeaf = (node: WordNode | PhraseNode, fuzzy: boolean): MatchQuery | undefined => {
    let leaf = leafOf.get(node);
    if (leaf === undefined) {
      leaf = { node, terms: new Set(), prefixes: [] };
      leafOf.set(node, leaf);
    }
    const fields = node.field ? FIELDS[node.field] : undefined;
    if (node.type === 'phrase') {
      hasPhrases = true;
      leaf.phrase = phraseWords(node.text).map((token) => foldWord(token.word));
      const words = phraseWords(node.text).map((token) => single(token, false, fields, leaf!, fuzzy));
      return all(words.filter((query) => query !== undefined)) ?? ALL;
    }
    const tokens = tokenize(node.text);
    const parts = tokens.filter((token) => token.compound === undefined);
    const compound = tokens.find((token) => token.compound);
    const last = parts.at(-1);
    const partQueries = parts.map((token) => single(token, node.prefix && token === last, fields, leaf!, fuzzy));
    const whole = all(partQueries.filter((query) => query !== undefined));
    if (compound === undefined || node.prefix) return whole;
    const joined = single(compound, false, fields, leaf, fuzzy);
    return whole && joined ? { kind: 'or', children: [whole, joined] } : (whole ?? joined);
  };

  const single = (token: Token, prefix: boolean, fields: SearchField[] | undefined, leaf: Leaf, fuzzy: boolean): MatchQuery | undefined => {
    const folded = foldWord(token.word);
    const base = fields ? { fields } : {};
    const stems = [...new Set(languages.map((language) => analyzerFor(language).term(token.word)))].filter(
      (stem): stem is string => stem !== undefined,
    );
    // Only a word the archive lacks can be a typo (a real word's neighbours are other words), or
    // one it hardly has next to a far more frequent spelling (a misprint is in archives too);
    // and numbers, dates and codes have none: 2021 is not a misspelling of 2023.
    const typoCandidate =
      stems.length > 0 &&
      folded.length >= MIN_FUZZY_LENGTH &&
      !/\d/.test(folded) &&
      (!index.words.has(folded) || likelyCorrection(index, folded) !== undefined);
    if (typoCandidate) hasTypoCandidates = true;
    // Two edits, because a swap of two letters (harbuor) counts as two.
    const tolerance = fuzzy && typoCandidate ? { fuzzy: 2 } : {};
    // A misspelt word's stem can be much shorter than the word (busrness -> busr), and two edits
    // from a short stem reach half the vocabulary: short stems are matched as they are.
    const children: MatchQuery[] = stems.map((term) => ({ kind: 'term', term, ...base, ...(term.length >= MIN_FUZZY_LENGTH ? tolerance : {}) }));
    // A misspelt word is often its own stem (presidnet), while the word meant is stored under a
    // shorter one (presid): its close spellings are looked for among the words as written too.
    if (stems.length > 0 && (!stems.includes(folded) || (fuzzy && typoCandidate))) {
      children.push({ kind: 'term', term: `${EXACT_MARK}${folded}`, weight: ranking.exactWeight, ...base, ...tolerance });
    }
    for (const child of children) if (child.kind === 'term') leaf.terms.add(child.term);
    // A word being typed is also the beginning of longer words, in any form (`harbours` still finds harbour).
    if (prefix) {
      for (const term of [folded, `${EXACT_MARK}${folded}`]) {
        children.push({ kind: 'term', term, prefix: true, ...base });
        leaf.prefixes.push(term);
      }
    }
    if (children.length === 0) return undefined;
    return children.length === 1 ? children[0] : { kind: 'or', children };
  };

  // A plain word as written (`lending`, not any word stemmed to `lend`); for prefixes, phrases,
  // hyphenated words and typo tolerance, any match counts as exact.
  const exactForm = (node: WordNode | PhraseNode, fuzzy: boolean): Extract<MatchQuery, { kind: 'term' }> | undefined => {
    if (node.type !== 'word' || node.prefix || fuzzy) return undefined;
    const tokens = tokenize(node.text);
    if (tokens.length !== 1) return undefined;
    const folded = foldWord(tokens[0]!.word);
    const stems = languages.map((language) => analyzerFor(language).term(tokens[0]!.word));
    if (stems.some((stem) => stem === undefined)) return undefined;
    const fields = node.field ? { fields: FIELDS[node.field] } : {};
    return { kind: 'term', term: stems.includes(folded) ? folded : `${EXACT_MARK}${folded}`, ...fields };
  };

  const compile = (node: QueryNode, fuzzy: boolean, positive: boolean): MatchQuery | undefined => {
    switch (node.type) {
      case 'word':
      case 'phrase': {
        const query = wordLeaf(node, fuzzy);
        if (query === undefined) return undefined;
        if (positive && !fuzzy && !leaves.includes(leafOf.get(node)!)) leaves.push(leafOf.get(node)!);
        // Marked so the index weighs, per article, which of the query's words it has, and which as written.
        const exact = exactForm(node, fuzzy);
        return exact ? { kind: 'leaf', query, exact } : { kind: 'leaf', query };
      }
      case 'and': {
        const included = node.children.filter((child) => child.type !== 'not').map((child) => compile(child, fuzzy, positive));
        const excluded = node.children
          .filter((child): child is Extract<QueryNode, { type: 'not' }> => child.type === 'not')
          .map((child) => compileExclusion(child.child, positive));
        return exclude(all(included.filter((query) => query !== undefined)) ?? ALL, excluded);
      }
      case 'or': {
        const children = node.children.map((child) => compile(child, fuzzy, positive)).filter((query) => query !== undefined);
        return children.length === 0 ? undefined : children.length === 1 ? children[0] : { kind: 'or', children };
      }
      case 'not':
        return exclude(ALL, [compileExclusion(node.child, positive)]);
    }
  };

  // A negated phrase cannot be expressed to the index (it has no positions): it is checked on the
  // text. Exclusions never tolerate typos: leaving out a word's neighbours is not what was asked.
  const compileExclusion = (node: QueryNode, positive: boolean): MatchQuery | undefined => {
    if (hasPhrase(node)) {
      hasPhrases = true;
      collectLeaves(node, (leaf) => wordLeaf(leaf, false));
      return undefined;
    }
    return compile(node, false, !positive);
  };

  const strict = compile(root, false, true) ?? ALL;
  const compiled: CompiledQuery = { root, strict, leaves, leafOf, hasPhrases };
  // Only a plain list of words and phrases widens: fields and OR groups say exactly what is wanted.
  const plain = (child: QueryNode) => (child.type === 'word' || child.type === 'phrase') && child.field === undefined;
  if (root.type === 'and' && root.children.every((child) => plain(child) || child.type === 'not')) {
    const included = root.children.filter((child) => child.type !== 'not').map((child) => compile(child, false, true));
    const excluded = root.children.filter((child) => child.type === 'not').map((child) => compileExclusion(child.child, true));
    const present = included.filter((query) => query !== undefined);
    if (present.length >= 2) compiled.loose = exclude({ kind: 'or', children: present }, excluded);
  }
  if (hasTypoCandidates) compiled.tolerant = compile(root, true, true) ?? ALL;
  compiled.hasPhrases = hasPhrases;
  return compiled;
}

function all(queries: MatchQuery[]): MatchQuery | undefined {
  return queries.length === 0 ? undefined : queries.length === 1 ? queries[0] : { kind: 'and', children: queries };
}

function exclude(include: MatchQuery, excluded: (MatchQuery | undefined)[]): MatchQuery {
  const present = excluded.filter((query) => query !== undefined);
  if (present.length === 0) return include;
  return { kind: 'and_not', include, exclude: present.length === 1 ? present[0]! : { kind: 'or', children: present } };
}

/** True when the query has a phrase anywhere: phrases need checking against the text. */
export function hasPhrase(node: QueryNode): boolean {
  if (node.type === 'phrase') return true;
  if (node.type === 'word') return false;
  if (node.type === 'not') return hasPhrase(node.child);
  return node.children.some(hasPhrase);
}

function collectLeaves(node: QueryNode, visit: (leaf: WordNode | PhraseNode) => void): void {
  if (node.type === 'word' || node.type === 'phrase') visit(node);
  else if (node.type === 'not') collectLeaves(node.child, visit);
  else node.children.forEach((child) => collectLeaves(child, visit));
}
