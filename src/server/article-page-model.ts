import type { Article } from '../article.ts';
import type { Library, MarkedText, SearchRequest } from '../library.ts';
import type { ArticlePageModel } from '../../views/article-page.tsx';
import { blankRequest, searchHref, webHref } from './search-links.ts';

/**
 * The article page: paragraphs split on blank lines, the query's words marked in title and body,
 * and a link back to the search it came from.
 */
export function buildArticlePage(library: Library, article: Article, search: SearchRequest): ArticlePageModel {
  const { q } = search;
  const mark = (text: string): MarkedText => ({ text, highlights: q.trim() === '' ? [] : library.highlight(q, text) });
  const paragraphs = article.body
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  return {
    q,
    title: mark(article.title),
    source: article.source,
    author: article.author,
    date: article.date,
    tags: article.tags.map((tag) => ({ label: tag, href: searchHref(blankRequest({ tags: [tag] })) })),
    paragraphs: paragraphs.map(mark),
    url: webHref(article.url),
    backHref: searchHref(search),
    lang: article.lang,
  };
}
