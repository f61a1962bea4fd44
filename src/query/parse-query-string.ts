import type { AndNode, OrNode, ParsedQuery, QueryField, QueryNode } from './query-ast.ts';

/** While typing, the last word becomes a prefix only from this many characters on: shorter ones match too much. */
export const MIN_TYPING_PREFIX = 3;
/** Longer input is cut to this many characters (code points) before parsing, with a notice. */
export const MAX_QUERY_LENGTH = 1000;
/** Parentheses nested deeper than this are flattened, so parsing can never overflow the stack. */
export const MAX_NESTING_DEPTH = 32;
/** Words and phrases after this many are dropped, with a notice: no query needs more. */
export const MAX_TERMS = 64;

/** Options of {@link parseQueryString}. */
export interface ParseQueryOptions {
  /**
   * True while the user is still typing (as-you-type search): the last word of the input, if it
   * runs to the very end, has at least {@link MIN_TYPING_PREFIX} characters and is not excluded,
   * is matched as a prefix. Default `false`: only an explicit `word*` is a prefix.
   */
  typing?: boolean;
}

type Token =
  | { kind: 'word'; text: string; prefix: boolean; typing: boolean }
  | { kind: 'phrase'; text: string }
  | { kind: 'field'; field: QueryField }
  | { kind: 'not'; raw: '-' | 'NOT' }
  | { kind: 'or' }
  | { kind: 'open' }
  | { kind: 'close' };

const FIELDS: Readonly<Record<string, QueryField>> = { title: 'title', source: 'source', tag: 'tag', tags: 'tag' };
// Smart quotes count as quotes: phones and word processors turn `"` into them as you type.
const QUOTES = new Set(['"', '“', '”', '„']);
// Kept inside a word when a letter or digit follows: O'Brien, don’t, well-known.
const JOINERS = new Set(["'", '’', '-']);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const LETTERS_ONLY = /^\p{L}+$/u;

const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD_CHAR.test(c);
/** Whether a term (word, phrase or group) can begin with this character: what `-` and `field:` need right after them. */
const startsTerm = (c: string | undefined): boolean => isWordChar(c) || c === '(' || (c !== undefined && QUOTES.has(c));
const isBlankFrom = (chars: string[], i: number): boolean => chars.slice(i).every((c) => c.trim() === '' || /\p{Cc}/u.test(c));

/**
 * Reads what a user typed into the search box as a query tree. Pure and total: every string
 * parses, nothing throws, time is linear in the (capped) input length. What had to be read
 * differently from how it was written comes back as `notices`, one sentence each.
 *
 * The language, loosest binding first:
 * - Juxtaposition is AND (`kim putin`); an uppercase `AND` is allowed and changes nothing.
 * - `OR` (uppercase) or `|` binds tighter than the implicit AND, as in web search engines:
 *   `a b OR c` is `a AND (b OR c)`, and `a OR b c` is `(a OR b) AND c`.
 * - `-term` and `NOT term` exclude; they bind tighter than OR (`-a OR b` is `(NOT a) OR b`).
 * - `title:`, `source:`, `tag:` (or `tags:`), case-insensitive, limit the word, phrase or every
 *   word and phrase of the group right after them (`title:(a OR b)`).
 * - `"exact phrase"`, `(group)`, and `word*` for a prefix.
 *
 * Words are runs of letters and digits (any script) with inner `'`, `’` and `-` kept as typed;
 * other punctuation separates words, so `10:30` and URLs read as plain words. Malformed input
 * is read leniently (an unclosed quote or parenthesis closes at the end, a stray `)`, a dangling
 * `OR`/`NOT`/`-` or an empty `field:` are ignored). `root` is undefined when nothing is left to
 * search for; a query of only exclusions is returned as is.
 */
export function parseQueryString(input: string, options: ParseQueryOptions = {}): ParsedQuery {
  const notices: string[] = [];
  const note = (notice: string): void => {
    if (!notices.includes(notice)) notices.push(notice);
  };
  // Slice before Array.from so that a megabyte of input costs no more than a kilobyte.
  let chars = Array.from(input.slice(0, MAX_QUERY_LENGTH * 2));
  // More than twice as many UTF-16 units is more code points too, even where none fit in the slice.
  const truncated = chars.length > MAX_QUERY_LENGTH || input.length > MAX_QUERY_LENGTH * 2;
  if (truncated) {
    chars = chars.slice(0, MAX_QUERY_LENGTH);
    note(`The query was longer than ${MAX_QUERY_LENGTH} characters, so only the first ${MAX_QUERY_LENGTH} were searched.`);
  }
  // A cut-off last word was not being typed, so it gets no prefix.
  // In text typed all in capitals (caps lock, a pasted headline) OR, AND and NOT are words.
  const shouting = !chars.some((c) => c !== c.toUpperCase()) && chars.filter((c) => c === ' ').length >= 3;
  const tokens = scanTokens(chars, options.typing === true && !truncated, note, !shouting);
  const parser: Parser = { tokens, pos: 0, note, terms: 0, flattened: 0, negated: false };
  const root = parseSequence(parser, 0);
  return root === undefined ? { notices } : { root, notices };
}

/** Splits the characters into tokens, dropping separators and what cannot mean anything. */
function scanTokens(chars: string[], typing: boolean, note: (notice: string) => void, operatorWords: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as string;
    if (QUOTES.has(c)) i = scanPhrase(chars, i, tokens, note);
    else if (isWordChar(c)) i = scanWord(chars, i, tokens, typing, note, operatorWords);
    else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close' });
      i++;
    } else if (c === '|') {
      while (chars[i] === '|') i++; // `||` is a common spelling of one OR
      tokens.push({ kind: 'or' });
    } else if (c === '-') i = scanDash(chars, i, tokens, note);
    else i++; // whitespace, control characters, other punctuation, a lone `*`
  }
  return tokens;
}

/** A `-` excludes only at the start of a term (`-kim`, `-"a b"`, `-(a b)`); elsewhere it separates. */
function scanDash(chars: string[], start: number, tokens: Token[], note: (notice: string) => void): number {
  let end = start;
  while (chars[end] === '-') end++;
  const atTermStart = !isWordChar(chars[start - 1]);
  if (atTermStart && startsTerm(chars[end])) tokens.push({ kind: 'not', raw: '-' });
  // A dash inside text (`Brexit - what next`) is prose, not a mistake; one at the very end is.
  else if (atTermStart && end - start === 1 && isBlankFrom(chars, end)) note('"-" had nothing after it to exclude, so it was ignored.');
  return end;
}

function scanPhrase(chars: string[], start: number, tokens: Token[], note: (notice: string) => void): number {
  let end = start + 1;
  while (end < chars.length && !QUOTES.has(chars[end] as string)) end++;
  const closed = end < chars.length;
  const text = chars.slice(start + 1, end).join('').replace(/[\s\p{Cc}]+/gu, ' ').trim();
  if (!Array.from(text).some(isWordChar)) {
    if (closed) note('An empty phrase "" was ignored.'); // an unclosed empty one is just a quote being typed
  } else {
    tokens.push({ kind: 'phrase', text });
    if (!closed) note(`The closing quote was missing, so "${text}" was read as a phrase.`);
  }
  return closed ? end + 1 : end;
}

function scanWord(
  chars: string[],
  start: number,
  tokens: Token[],
  typing: boolean,
  note: (notice: string) => void,
  operatorWords: boolean,
): number {
  let end = start;
  while (isWordChar(chars[end]) || (JOINERS.has(chars[end] ?? '') && isWordChar(chars[end + 1]))) end++;
  const text = chars.slice(start, end).join('');
  const next = chars[end];
  if (next === ':' && LETTERS_ONLY.test(text)) {
    const field = FIELDS[text.toLowerCase()];
    const hasValue = startsTerm(chars[end + 1]);
    if (field !== undefined) {
      if (hasValue) tokens.push({ kind: 'field', field });
      else note(`"${text}:" had nothing right after it, so it was ignored.`);
      return end + 1;
    }
    // Only what looks like a field gets a notice: `Update: …` in prose is just a word and a colon.
    if (hasValue) note(`Unknown field "${text}:" was searched as words.`);
  } else if (next === '*') {
    tokens.push({ kind: 'word', text, prefix: true, typing: false });
    return end + 1;
  }
  // `-OR` and `title:NOT` are words: an operator right before leaves no room for another.
  const prev = tokens.at(-1);
  const bound = prev?.kind === 'field' || (prev?.kind === 'not' && prev.raw === '-');
  if (operatorWords && !bound && next !== ':' && (text === 'OR' || text === 'AND' || text === 'NOT')) {
    if (text === 'OR') tokens.push({ kind: 'or' });
    if (text === 'NOT') tokens.push({ kind: 'not', raw: 'NOT' });
    return end; // AND is what juxtaposition means anyway
  }
  const beingTyped = typing && end === chars.length && end - start >= MIN_TYPING_PREFIX;
  tokens.push({ kind: 'word', text, prefix: false, typing: beingTyped });
  return end;
}

interface Parser {
  tokens: Token[];
  pos: number;
  note: (notice: string) => void;
  /** Words and phrases kept so far, against {@link MAX_TERMS}. */
  terms: number;
  /** `(` read as nothing past the depth cap, whose `)` must be read as nothing too. */
  flattened: number;
  /** Inside an odd number of exclusions: the word being typed there is not a prefix. */
  negated: boolean;
}

/** `item item …` up to the end or the `)` closing the current group: the implicit AND. */
function parseSequence(p: Parser, depth: number): QueryNode | undefined {
  const items: QueryNode[] = [];
  for (let tok = p.tokens[p.pos]; tok !== undefined; tok = p.tokens[p.pos]) {
    if (tok.kind === 'close') {
      if (depth > 0 && p.flattened === 0) break; // the caller's group ends here
      if (p.flattened > 0) p.flattened--;
      else p.note('An unmatched ")" was ignored.');
      p.pos++;
    } else if (tok.kind === 'or') {
      p.note('"OR" needs something on both sides, so it was ignored.');
      p.pos++;
    } else {
      const node = parseOr(p, depth);
      if (node !== undefined) items.push(node);
    }
  }
  return combine('and', items);
}

/** `unary OR unary …`; a leading OR is left to {@link parseSequence}, which ignores it. */
function parseOr(p: Parser, depth: number): QueryNode | undefined {
  const first = parseUnary(p, depth);
  if (first === undefined) return undefined;
  const children = [first];
  while (p.tokens[p.pos]?.kind === 'or') {
    p.pos++;
    if (!startsOperand(p.tokens[p.pos])) {
      p.note('"OR" needs something on both sides, so it was ignored.');
      continue; // a doubled OR reads as one; a trailing one ends the loop
    }
    const node = parseUnary(p, depth);
    if (node !== undefined) children.push(node);
  }
  return combine('or', children);
}

/** `-term`, `NOT term`; a loop rather than recursion, so `NOT NOT …` of any length is safe. */
function parseUnary(p: Parser, depth: number): QueryNode | undefined {
  let count = 0;
  let raw: string | undefined;
  for (let tok = p.tokens[p.pos]; tok?.kind === 'not'; tok = p.tokens[++p.pos]) {
    count++;
    raw = tok.raw;
  }
  if (raw !== undefined && !startsPrimary(p.tokens[p.pos])) {
    p.note(`"${raw}" had nothing after it to exclude, so it was ignored.`);
    return undefined;
  }
  const negate = count % 2 === 1; // NOT NOT a is a
  const outer = p.negated;
  p.negated = outer !== negate;
  const node = parsePrimary(p, depth);
  p.negated = outer;
  return node !== undefined && negate ? { type: 'not', child: node } : node;
}

/** `field:` …, then a word, a phrase or a parenthesised group. */
function parsePrimary(p: Parser, depth: number): QueryNode | undefined {
  let field: QueryField | undefined;
  for (let tok = p.tokens[p.pos]; tok?.kind === 'field'; tok = p.tokens[++p.pos]) field = tok.field;
  while (p.tokens[p.pos]?.kind === 'open' && depth >= MAX_NESTING_DEPTH) {
    p.note(`Parentheses nested deeper than ${MAX_NESTING_DEPTH} levels were flattened.`);
    p.flattened++;
    p.pos++;
  }
  const tok = p.tokens[p.pos];
  if (tok?.kind === 'word' || tok?.kind === 'phrase') {
    p.pos++;
    if (p.terms >= MAX_TERMS) {
      p.note(`Only the first ${MAX_TERMS} words and phrases were searched.`);
      return undefined;
    }
    p.terms++;
    const node: QueryNode =
      tok.kind === 'phrase'
        ? { type: 'phrase', text: tok.text }
        : { type: 'word', text: tok.text, prefix: tok.prefix || (tok.typing && !p.negated) };
    return field === undefined ? node : withField(node, field);
  }
  if (tok?.kind !== 'open') return undefined; // `field:` before an empty phrase; `(` past the cap
  p.pos++;
  const inner = parseSequence(p, depth + 1);
  if (p.tokens[p.pos]?.kind === 'close') p.pos++;
  else p.note('A closing parenthesis was missing, so the group was closed at the end.');
  return inner === undefined || field === undefined ? inner : withField(inner, field);
}

const startsPrimary = (tok: Token | undefined): boolean =>
  tok?.kind === 'word' || tok?.kind === 'phrase' || tok?.kind === 'field' || tok?.kind === 'open';
const startsOperand = (tok: Token | undefined): boolean => startsPrimary(tok) || tok?.kind === 'not';

/** Limits every word and phrase in the tree to `field`; a field written closer to a word wins. */
function withField(node: QueryNode, field: QueryField): QueryNode {
  switch (node.type) {
    case 'word':
    case 'phrase':
      return { ...node, field: node.field ?? field };
    case 'not':
      return { type: 'not', child: withField(node.child, field) };
    default:
      return { type: node.type, children: node.children.map((child) => withField(child, field)) };
  }
}

/** One child stands for itself, none is nothing; `a (b c)` becomes one AND of three. */
function combine(type: 'and' | 'or', children: QueryNode[]): QueryNode | undefined {
  const flat = children.flatMap((child) => (child.type === type ? (child as AndNode | OrNode).children : [child]));
  if (flat.length <= 1) return flat[0];
  return { type, children: flat };
}
