import { joinParagraphs } from './parse-text.ts';

const FENCE = /^\s*(```+|~~~+)/;
const ATX_HEADING = /^\s{0,3}#{1,6}(?:\s+(.*?))?\s*#*\s*$/;
const SETEXT_UNDERLINE = /^\s{0,3}(?:=+|-+)\s*$/;
const RULE = /^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*\S+/;
const LIST_MARKER = /^(\s*)(?:[-*+]|\d{1,9}[.)])\s+/;
const QUOTE_MARKER = /^\s{0,3}(?:>\s?)+/;

/**
 * Markdown made readable as plain text, for indexing and snippets: heading, list and quote
 * markers, emphasis and inline-code marks go; links keep their text; images go altogether;
 * fenced code keeps its text without the fences. Not a Markdown renderer: it only has to make
 * the words searchable and the snippets clean.
 */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (fenceMatch?.[1]?.startsWith(fence)) fence = undefined;
      else out.push(line.trimEnd());
      continue;
    }
    if (fenceMatch?.[1] !== undefined) {
      fence = fenceMatch[1];
      continue;
    }
    out.push(...blockLine(line, out[out.length - 1]));
  }
  return joinParagraphs(out);
}

/** The plain text of one line outside code fences: none, one, or (for a setext underline) a removal. */
function blockLine(line: string, previous: string | undefined): string[] {
  if (RULE.test(line) || REFERENCE_DEFINITION.test(line)) return [''];
  // A `===`/`---` line under text underlines a heading; the heading text is already out.
  if (SETEXT_UNDERLINE.test(line) && previous !== undefined && previous !== '') return [];
  const heading = ATX_HEADING.exec(line);
  if (heading !== null) return ['', inlineText(heading[1] ?? ''), ''];
  const withoutMarkers = line.replace(QUOTE_MARKER, '').replace(LIST_MARKER, '$1');
  return [inlineText(withoutMarkers).trimEnd()];
}

/** Inline Markdown (links, images, emphasis, code spans, escapes) reduced to its text. */
export function inlineText(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // [text](target)
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // [text][ref]
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1') // <https://autolink>
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g, '$1$2')
    // `_` inside words (snake_case) is not emphasis.
    .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')
    // What was dropped (an image) leaves two spaces; indentation at the start stays.
    .replace(/(\S) {2,}(?=\S)/g, '$1 ');
}
