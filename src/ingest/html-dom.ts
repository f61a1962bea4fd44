import { parseHTML } from 'linkedom';

/**
 * The few DOM members ingest uses, typed here because the project compiles without the DOM
 * library (it runs on Node); linkedom's documents satisfy them.
 */
export interface HtmlNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<HtmlNode>;
}

export interface HtmlElement extends HtmlNode {
  readonly localName: string;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): HtmlElement | null;
  querySelectorAll(selectors: string): ArrayLike<HtmlElement>;
  closest(selectors: string): HtmlElement | null;
  remove(): void;
}

export interface HtmlDocument {
  readonly documentElement: HtmlElement | null;
  readonly body: HtmlElement | null;
  querySelector(selectors: string): HtmlElement | null;
  querySelectorAll(selectors: string): ArrayLike<HtmlElement>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * A linkedom document for any HTML, a bare fragment (`<p>...</p>`) included: linkedom only builds
 * `<body>` for text that has an `<html>` element, so a fragment is parsed a second time inside one.
 */
export function parseHtmlDocument(html: string): HtmlDocument {
  const { document } = parseHTML(html) as unknown as { document: HtmlDocument };
  if (document.body !== null && document.documentElement?.localName === 'html') return document;
  const wrapped = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return (wrapped as unknown as { document: HtmlDocument }).document;
}

/** Elements after which the text starts a new paragraph. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'td', 'th', 'tr', 'ul',
]);
/** Elements whose text is never reading text. */
const SILENT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'head', 'title']);

/**
 * The readable text of an element: whitespace collapsed as a browser would, a blank line between
 * block elements, a line break for `<br>` and for each line of a `<pre>`.
 */
export function blockText(root: HtmlNode): string {
  const paragraphs: string[] = [];
  let line = '';
  const flush = (): void => {
    const text = line.split('\n').map((part) => part.trim()).join('\n').trim();
    if (text !== '') paragraphs.push(text);
    line = '';
  };
  const visit = (node: HtmlNode, pre: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      line += pre ? (node.textContent ?? '') : (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const name = (node as HtmlElement).localName;
    if (SILENT.has(name)) return;
    if (name === 'br') {
      line += '\n';
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) visit(child, pre || name === 'pre');
    if (block) flush();
  };
  visit(root, false);
  flush();
  return paragraphs.join('\n\n');
}
