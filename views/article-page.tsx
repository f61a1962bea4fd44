import type { MarkedText } from '../src/library.ts';
import { displayUrl, formatDate } from './format.ts';
import { SiteHeader } from './layout.tsx';
import { Marked } from './marked.tsx';

export interface ArticlePageModel {
  /** The query whose words are highlighted, or `''`. */
  q: string;
  title: MarkedText;
  source?: string | undefined;
  author?: string | undefined;
  date?: string | undefined;
  tags: { label: string; href: string }[];
  paragraphs: MarkedText[];
  /** Only when it is http(s). */
  url?: string | undefined;
  /** Back to the search this article was found with. */
  backHref: string;
  /** BCP 47, when the article says which language it is in. */
  lang?: string | undefined;
}

/** One article in full, the query's words marked; broadsheet.js scrolls to the first mark. */
export function ArticlePage({ model }: { model: ArticlePageModel }) {
  let firstMarkGiven = model.title.highlights.length > 0;
  const firstId = () => {
    if (firstMarkGiven) return undefined;
    firstMarkGiven = true;
    return 'first-match';
  };
  return (
    <>
      <SiteHeader q={model.q} />
      <main id="main" class="article-page">
        <p class="back-link">
          <a href={model.backHref}>← {model.q.trim() === '' ? 'All articles' : 'Back to the results'}</a>
        </p>
        <article class="article" lang={model.lang}>
          <header class="article-header">
            <h1 class="article-title">
              <Marked text={model.title} firstId={model.title.highlights.length > 0 ? 'first-match' : undefined} />
            </h1>
            <p class="article-meta">
              {model.source !== undefined ? <span class="article-source">{model.source}</span> : null}
              {model.author !== undefined ? <span class="article-author">by {model.author}</span> : null}
              {model.date !== undefined ? <time datetime={model.date}>{formatDate(model.date)}</time> : null}
            </p>
          </header>
          <div class="article-body">
            {model.paragraphs.map((paragraph) => (
              <p>
                <Marked text={paragraph} firstId={paragraph.highlights.length > 0 ? firstId() : undefined} />
              </p>
            ))}
          </div>
          <footer class="article-footer">
            {model.tags.length > 0 ? (
              <ul class="hit-tags" aria-label="Tags">
                {model.tags.map((tag) => (
                  <li>
                    <a class="tag" href={tag.href}>
                      {tag.label}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            {model.url !== undefined ? (
              <p class="article-url">
                Original: <a href={model.url} rel="noopener noreferrer nofollow">{displayUrl(model.url)}</a>
              </p>
            ) : null}
          </footer>
        </article>
      </main>
    </>
  );
}
