import type { MarkedText } from '../library.ts';

/** One run of text, highlighted or not. */
export interface TextSegment {
  text: string;
  marked: boolean;
}

/**
 * Cuts marked text into plain and highlighted runs, in order, covering the whole text.
 * Ranges are clamped to the text, empty ones dropped, and overlapping or touching ones
 * merged, so any list of ranges gives well-formed output.
 */
export function segmentMarkedText(marked: MarkedText): TextSegment[] {
  const { text } = marked;
  const ranges = marked.highlights
    .map(({ start, end }) => ({ start: clamp(start, text.length), end: clamp(end, text.length) }))
    .filter(({ start, end }) => end > start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const segments: TextSegment[] = [];
  let cursor = 0;
  let open: { start: number; end: number } | undefined;
  const flush = () => {
    if (open === undefined) return;
    if (open.start > cursor) segments.push({ text: text.slice(cursor, open.start), marked: false });
    segments.push({ text: text.slice(open.start, open.end), marked: true });
    cursor = open.end;
    open = undefined;
  };
  for (const range of ranges) {
    if (open !== undefined && range.start <= open.end) open.end = Math.max(open.end, range.end);
    else {
      flush();
      open = { ...range };
    }
  }
  flush();
  if (cursor < text.length) segments.push({ text: text.slice(cursor), marked: false });
  return segments;
}

/**
 * HTML for marked text: every piece escaped, highlights wrapped in `<mark>`, no other markup.
 * This is what `snippet` holds in the JSON API.
 */
export function markedTextToHtml(marked: MarkedText): string {
  return segmentMarkedText(marked)
    .map((segment) => (segment.marked ? `<mark>${escapeHtml(segment.text)}</mark>` : escapeHtml(segment.text)))
    .join('');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

function clamp(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return offset > 0 ? length : 0;
  return Math.min(length, Math.max(0, Math.trunc(offset)));
}
