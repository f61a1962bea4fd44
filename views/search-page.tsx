import type { SortOrder } from '../src/library.ts';
import { displayUrl, formatCount, formatDate, formatDuration, formatPeriod, plural } from './format.ts';
import { Marked } from './marked.tsx';
import { navLink, RESULTS } from './nav-link.ts';
import type {
  ChipModel,
  CountedLinkModel,
  FacetGroupModel,
  HitModel,
  OverviewModel,
  PaginationModel,
  ResultsModel,
  SearchBodyModel,
  SearchFormModel,
  SearchPageModel,
  SearchTipModel,
} from './search-model.ts';
import { SearchTips } from './search-tips.tsx';
import { Timeline } from './timeline.tsx';

export type { SearchPageModel } from './search-model.ts';

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

/** The whole search page: masthead, form, and every region the fragment updates. */
export function SearchPage({ model }: { model: SearchPageModel }) {
  return (
    <>
      <header class="masthead">
        <div class="masthead-inner">
          <p class="brand">
            <a href="/">Broadsheet</a>
          </p>
          <p class="tagline">A search engine for the news archive</p>
        </div>
      </header>
      <main id="main" class="search-page">
        <h1 class="visually-hidden">Search the archive</h1>
        <SearchForm form={model.form} tips={model.tips} />
        <div class="search-layout">
          <div class="search-main">
            <a class="to-facets" href="#facets">
              Skip to filters ↓
            </a>
            <p id="result-summary" class="result-summary" aria-live="polite">
              <Summary body={model.body} />
            </p>
            <div id="active-filters" class="active-filters">
              <Chips chips={model.chips} clearHref={model.clearFiltersHref} />
            </div>
            <div id="timeline" class="timeline-region">
              <Timeline timeline={model.timeline} />
            </div>
            <section id="results" class="results" aria-label="Results">
              <ResultsBody body={model.body} />
            </section>
          </div>
          <aside id="facets" class="facets" aria-label="Refine the results">
            <Facets facets={model.facets} />
          </aside>
        </div>
      </main>
    </>
  );
}

/**
 * The answer to an htmx request for the results region: the results themselves, plus
 * `<hx-partial>`s for the count, the filters, the facets and the timeline, in one swap.
 * The form's own fields are morphed, so a field being typed in keeps its text and focus.
 */
export function ResultsFragment({ model }: { model: SearchPageModel }) {
  return (
    <>
      <title>{model.title}</title>
      <ResultsBody body={model.body} />
      <hx-partial hx-target="#result-summary">
        <Summary body={model.body} />
      </hx-partial>
      <hx-partial hx-target="#active-filters">
        <Chips chips={model.chips} clearHref={model.clearFiltersHref} />
      </hx-partial>
      <hx-partial hx-target="#timeline">
        <Timeline timeline={model.timeline} />
      </hx-partial>
      <hx-partial hx-target="#facets">
        <Facets facets={model.facets} />
      </hx-partial>
      <hx-partial hx-target="#search-filters" hx-swap="innerMorph">
        <FilterFields form={model.form} />
      </hx-partial>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------------------

const SORT_LABELS: Record<SortOrder, string> = { relevance: 'Relevance', newest: 'Newest first', oldest: 'Oldest first' };

/** A plain GET form that works without JavaScript; htmx enhances the form element itself. */
function SearchForm({ form, tips }: { form: SearchFormModel; tips: SearchTipModel[] }) {
  return (
    <form
      id="search-form"
      class="search-form"
      role="search"
      method="get"
      action="/search"
      // The URL is the only state: no browser restoring old field values on Back.
      autocomplete="off"
      hx-get="/search"
      hx-trigger="input changed delay:250ms, submit"
      hx-target={RESULTS}
      hx-sync="this:replace"
      hx-replace-url="true"
    >
      <label for="q" class="search-label">
        Search the archive
      </label>
      <div class="search-box">
        <div class="combobox">
          <input
            id="q"
            name="q"
            type="search"
            value={form.q}
            placeholder="Words, names, places…"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            enterkeyhint="search"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded="false"
            aria-controls="q-suggestions"
            aria-describedby={tips.length > 0 ? 'q-hint search-tips-toggle' : 'q-hint'}
          />
          <ul id="q-suggestions" class="suggestions" role="listbox" aria-label="Suggestions" hidden></ul>
        </div>
        <button type="submit" class="search-button">
          Search
        </button>
      </div>
      <p id="q-hint" class="search-hint needs-js">
        Press <kbd>/</kbd> to search from anywhere; arrow keys choose a suggestion.
        <span class="htmx-indicator search-indicator"> Searching…</span>
      </p>
      <SearchTips tips={tips} />
      <div id="search-filters" class="refine">
        <FilterFields form={form} />
      </div>
    </form>
  );
}

/** Filters as form fields: active facets as hidden inputs, then the date range and the order. */
function FilterFields({ form }: { form: SearchFormModel }) {
  return (
    <>
      {form.sources.map((source) => (
        <input type="hidden" name="source" value={source} />
      ))}
      {form.tags.map((tag) => (
        <input type="hidden" name="tag" value={tag} />
      ))}
      <div class="field">
        <label for="from">From</label>
        <input id="from" name="from" type="date" value={form.from} />
      </div>
      <div class="field">
        <label for="to">To</label>
        <input id="to" name="to" type="date" value={form.to} />
      </div>
      <div class="field">
        <label for="sort">Order</label>
        <select id="sort" name="sort">
          {(Object.keys(SORT_LABELS) as SortOrder[]).map((sort) => (
            <option value={sort} selected={sort === form.sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------------------------

function Summary({ body }: { body: SearchBodyModel }) {
  if (body.kind !== 'results') return <></>;
  const { results } = body;
  const what = results.q.trim() === '' ? '' : ` for “${results.q.trim()}”`;
  if (results.total === 0) return <>No results{what}.</>;
  const range = results.total > results.hits.length && results.hits.length > 0 ? `${formatCount(results.first)}–${formatCount(results.last)} of ` : '';
  return (
    <>
      <strong>
        {range}
        {plural(results.total, 'result')}
      </strong>
      {what}
      <span class="took"> in {formatDuration(results.tookMs)}</span>
    </>
  );
}

const CHIP_PREFIX: Record<ChipModel['kind'], string> = { source: 'Source', tag: 'Tag', from: 'From', to: 'To', period: 'Period' };

function Chips({ chips, clearHref }: { chips: ChipModel[]; clearHref?: string | undefined }) {
  if (chips.length === 0) return <></>;
  return (
    <ul class="chips" aria-label="Active filters">
      {chips.map((chip) => {
        const value = chip.kind === 'from' || chip.kind === 'to' ? formatDate(chip.value) : chip.kind === 'period' ? formatPeriod(chip.value) : chip.value;
        return (
          <li>
            <a class="chip" {...navLink(chip.removeHref)} aria-label={`Remove filter ${CHIP_PREFIX[chip.kind]}: ${value}`}>
              <span class="chip-kind">{CHIP_PREFIX[chip.kind]}</span> {value}
              <span class="chip-remove" aria-hidden="true">
                ×
              </span>
            </a>
          </li>
        );
      })}
      {clearHref !== undefined && chips.length > 1 ? (
        <li>
          <a class="chip-clear" {...navLink(clearHref)}>
            Clear all filters
          </a>
        </li>
      ) : null}
    </ul>
  );
}

const FACET_NOUNS: Record<FacetGroupModel['key'], string> = { source: 'source', tags: 'tag', year: 'year' };

function Facets({ facets }: { facets: FacetGroupModel[] }) {
  const groups = facets.filter((group) => group.items.length > 0);
  if (groups.length === 0) return <></>;
  return (
    <>
      <h2 class="facets-title">Refine</h2>
      {groups.map((group) => (
        <section class="facet-group" aria-labelledby={`facet-${group.key}`}>
          <h3 id={`facet-${group.key}`}>{group.title}</h3>
          <ul class="facet-list">
            {group.items.map((item) => (
              <li>
                <a
                  class={item.active ? 'facet facet-active' : 'facet'}
                  {...navLink(item.href)}
                  aria-label={`${item.value}, ${plural(item.count, 'result')}${item.active ? `, active ${FACET_NOUNS[group.key]} filter, select to remove` : ''}`}
                >
                  <span class="facet-value">{item.value}</span>
                  <span class="facet-count">{formatCount(item.count)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The results region
// ---------------------------------------------------------------------------------------------

function ResultsBody({ body }: { body: SearchBodyModel }) {
  if (body.kind === 'overview') return <Overview overview={body.overview} />;
  if (body.kind === 'error') {
    return (
      <div class="message message-error" role="alert">
        <h2>That search could not be run</h2>
        <p>{body.message}</p>
        <p>
          <a href="/">Start a new search</a>
        </p>
      </div>
    );
  }
  const { results } = body;
  return (
    <>
      <h2 class="visually-hidden">Results</h2>
      {results.suggestion !== undefined ? (
        <p class="did-you-mean">
          Did you mean <a {...navLink(results.suggestion.href)}>{results.suggestion.label}</a>?
        </p>
      ) : null}
      {/* The engine says how it read the query and when it widened it; the general line is a fallback. */}
      {results.widened && results.notices.length === 0 ? <p class="note notice">Not every word matched: these articles contain some of them.</p> : null}
      {results.notices.map((notice) => (
        <p class="note notice">{notice}</p>
      ))}
      {results.total === 0 ? <NoResults results={results} /> : null}
      {results.total > 0 && results.hits.length === 0 ? (
        <p class="note">
          There are no results this far.{' '}
          {results.lastPage !== undefined ? <a {...navLink(results.lastPage.href)}>{results.lastPage.label}</a> : null}
        </p>
      ) : null}
      {results.hits.length > 0 ? (
        <ol class="hits" start={results.first}>
          {results.hits.map((hit) => (
            <Hit hit={hit} />
          ))}
        </ol>
      ) : null}
      {results.pagination !== undefined ? <Pagination pagination={results.pagination} /> : null}
    </>
  );
}

function NoResults({ results }: { results: ResultsModel }) {
  const what = results.q.trim() === '' ? 'these filters' : `“${results.q.trim()}”`;
  return (
    <div class="message">
      <h2>Nothing found for {what}</h2>
      <ul class="advice">
        {results.suggestion !== undefined ? (
          <li>
            Try <a {...navLink(results.suggestion.href)}>{results.suggestion.label}</a>, a close spelling.
          </li>
        ) : null}
        {results.hasFilters ? <li>Remove a filter above to search more widely.</li> : null}
        <li>Use fewer or more general words.</li>
      </ul>
    </div>
  );
}

function Hit({ hit }: { hit: HitModel }) {
  return (
    <li class="hit">
      <article>
        <h3 class="hit-title">
          <a href={hit.href}>
            <Marked text={hit.title} />
          </a>
        </h3>
        {hit.source !== undefined || hit.date !== undefined ? (
          <p class="hit-meta">
            {hit.source !== undefined ? <span class="hit-source">{hit.source}</span> : null}
            {hit.source !== undefined && hit.date !== undefined ? <span aria-hidden="true"> · </span> : null}
            {hit.date !== undefined ? <time datetime={hit.date}>{formatDate(hit.date)}</time> : null}
          </p>
        ) : null}
        <p class="hit-snippet">
          <Marked text={hit.snippet} />
        </p>
        {hit.url !== undefined || hit.tags.length > 0 ? (
          <div class="hit-foot">
            {hit.url !== undefined ? (
              <a class="hit-url" href={hit.url} rel="noopener noreferrer nofollow">
                {displayUrl(hit.url)}
              </a>
            ) : null}
            {hit.tags.length > 0 ? (
              <ul class="hit-tags" aria-label="Tags">
                {hit.tags.map((tag) => (
                  <li>
                    <a class="tag" {...navLink(tag.href)}>
                      {tag.label}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </article>
    </li>
  );
}

function Pagination({ pagination }: { pagination: PaginationModel }) {
  return (
    <nav class="pagination" aria-label="Result pages">
      <ul>
        <li>
          {pagination.prev !== undefined ? (
            <a class="page-step" rel="prev" {...navLink(pagination.prev)}>
              ← Previous
            </a>
          ) : (
            <span class="page-step page-disabled">← Previous</span>
          )}
        </li>
        {pagination.pages.map((page) =>
          page === null ? (
            <li class="page-gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li>
              {page.number === pagination.current ? (
                <a class="page-number page-current" href={page.href} aria-current="page" aria-label={`Page ${page.number}, current`}>
                  {page.number}
                </a>
              ) : (
                <a class="page-number" {...navLink(page.href)} aria-label={`Page ${page.number}`}>
                  {page.number}
                </a>
              )}
            </li>
          ),
        )}
        <li>
          {pagination.next !== undefined ? (
            <a class="page-step" rel="next" {...navLink(pagination.next)}>
              Next →
            </a>
          ) : (
            <span class="page-step page-disabled">Next →</span>
          )}
        </li>
      </ul>
    </nav>
  );
}

/** The empty query: what the archive holds, and searches to start from. */
function Overview({ overview }: { overview: OverviewModel }) {
  const notices = overview.notices.map((notice) => <p class="note notice">{notice}</p>);
  if (overview.documents === 0) {
    return (
      <div class="overview">
        {notices}
        <h2>The archive is empty</h2>
        <p>Index some articles with <code>broadsheet index</code>, then serve the index again.</p>
      </div>
    );
  }
  return (
    <div class="overview">
      {notices}
      <h2>In the archive</h2>
      <p class="overview-lede">
        {plural(overview.documents, 'article')}
        {overview.firstDate !== undefined && overview.lastDate !== undefined ? (
          <>
            {' '}
            from <time datetime={overview.firstDate}>{formatDate(overview.firstDate)}</time> to{' '}
            <time datetime={overview.lastDate}>{formatDate(overview.lastDate)}</time>
          </>
        ) : null}
        .
      </p>
      {overview.examples.length > 0 ? (
        <section class="overview-section" aria-labelledby="overview-examples">
          <h3 id="overview-examples">Try a search</h3>
          <ul class="examples">
            {overview.examples.map((example) => (
              <li>
                <a {...navLink(example.href)}>{example.label}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {overview.sources.length > 0 ? (
        <section class="overview-section" aria-labelledby="overview-sources">
          <h3 id="overview-sources">Top sources</h3>
          <CountedLinks links={overview.sources} />
        </section>
      ) : null}
      {overview.tags.length > 0 ? (
        <section class="overview-section" aria-labelledby="overview-tags">
          <h3 id="overview-tags">Top tags</h3>
          <CountedLinks links={overview.tags} />
        </section>
      ) : null}
    </div>
  );
}

function CountedLinks({ links }: { links: CountedLinkModel[] }) {
  return (
    <ul class="counted-links">
      {links.map((link) => (
        <li>
          <a {...navLink(link.href)}>
            {link.label} <span class="facet-count">{formatCount(link.count)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
