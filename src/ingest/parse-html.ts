import { Readability } from '@mozilla/readability';
import type { Article, ArticleId } from '../article.ts';
import { makeArticle, tagsField, titleFromBody } from './article-fields.ts';
import type { HtmlDocument } from './html-dom.ts';
import { blockText, parseHtmlDocument } from './html-dom.ts';
import { normalizeDate } from './parse-date.ts';

/** Never article text, wherever it is. */
const NEVER_TEXT = 'script, style, noscript, template, nav';
/** Site furniture when outside the article: an article's own `<header>` holds its headline. */
const PAGE_PARTS = 'header, footer, aside, form';

/**
 * Parses a saved web page into an article. Metadata comes from the page's own tags: the title
 * from `og:title`, else `<title>`, else the first `<h1>`; the date from `article:published_time`,
 * else the first `<time datetime>`; the source from `og:site_name`, the author from
 * `<meta name="author">`, the URL from `<link rel="canonical">` (else `og:url`), the language from
 * `<html lang>`, tags from `article:tag` (else `keywords`). The body is what Mozilla Readability
 * (Firefox's reader view) takes for the article, with a blank line between paragraphs; when it
 * finds none, the text of `<body>` without navigation, headers, footers, scripts and styles.
 */
export function parseHtmlArticle(html: string, id: ArticleId): Article {
  const document = parseHtmlDocument(html);
  // Metadata first: Readability rewrites the document it reads.
  const title =
    meta(document, 'og:title') ?? text(document.querySelector('title')) ?? text(document.querySelector('h1'));
  const date = [meta(document, 'article:published_time'), document.querySelector('time[datetime]')?.getAttribute('datetime')]
    .map((value) => (value ? normalizeDate(value) : undefined))
    .find((value) => value !== undefined);
  const articleTags = Array.from(document.querySelectorAll('meta[property="article:tag"]')).map(
    (element) => element.getAttribute('content') ?? '',
  );
  const fields = {
    id,
    date,
    url: attribute(document, 'link[rel~="canonical"]', 'href') ?? meta(document, 'og:url'),
    source: meta(document, 'og:site_name'),
    author: attribute(document, 'meta[name="author"]', 'content'),
    lang: document.documentElement?.getAttribute('lang') ?? undefined,
    tags: articleTags.length > 0 ? articleTags : tagsField(attribute(document, 'meta[name="keywords"]', 'content')),
  };

  removePageFurniture(document);
  const body = dropRepeatedTitle(readabilityText(document) || bodyText(html), title);
  return makeArticle({ ...fields, title: title ?? titleFromBody(body), body });
}

function readabilityText(document: HtmlDocument): string {
  try {
    // linkedom implements the part of the DOM Readability reads; its types are its own.
    const content = new Readability(document as unknown as Document).parse()?.content;
    return content ? blockText(parseHtmlDocument(content).body ?? { nodeType: 0, textContent: '', childNodes: [] }) : '';
  } catch {
    // Readability gives up on some malformed pages by throwing; the body fallback still reads them.
    return '';
  }
}

/** The text of `<body>` without any header, footer, aside or navigation: for when Readability finds nothing. */
function bodyText(html: string): string {
  const { body } = parseHtmlDocument(html);
  if (body === null) return '';
  for (const element of Array.from(body.querySelectorAll(`${NEVER_TEXT}, ${PAGE_PARTS}`))) element.remove();
  return blockText(body);
}

/**
 * Readability judges by text density, so on a short page it keeps a menu or a site header with
 * the article; taking them out first makes the short pages read as well as the long ones.
 */
function removePageFurniture(document: HtmlDocument): void {
  for (const element of Array.from(document.querySelectorAll(NEVER_TEXT))) element.remove();
  for (const element of Array.from(document.querySelectorAll(PAGE_PARTS))) {
    if (element.closest('article, main') === null) element.remove();
  }
}

/** Readability keeps the page's heading as the first paragraph; the title field already has it. */
function dropRepeatedTitle(body: string, title: string | undefined): string {
  if (title === undefined) return body;
  const [first = '', ...rest] = body.split('\n\n');
  return first.trim() === title.replace(/\s+/g, ' ').trim() ? rest.join('\n\n') : body;
}

/** `<meta property=...>` (Open Graph) or `<meta name=...>` (which some sites use for the same). */
function meta(document: HtmlDocument, key: string): string | undefined {
  return (
    attribute(document, `meta[property="${key}"]`, 'content') ?? attribute(document, `meta[name="${key}"]`, 'content')
  );
}

function attribute(document: HtmlDocument, selector: string, name: string): string | undefined {
  const value = document.querySelector(selector)?.getAttribute(name)?.trim();
  return value ? value : undefined;
}

function text(element: { textContent: string | null } | null): string | undefined {
  const value = element?.textContent?.replace(/\s+/g, ' ').trim();
  return value ? value : undefined;
}
