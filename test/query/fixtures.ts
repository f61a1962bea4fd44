import type { Article } from '../../src/article.ts';
import type { SearchRequest } from '../../src/library.ts';

/** A tiny archive whose expected orderings can be worked out by hand. */
export const ARTICLES: Article[] = [
  {
    id: 'kim-putin',
    title: 'Kim Jong Un and Putin toast to “strengthened cooperation”',
    body: 'North Korean leader Kim Jong Un and Vladimir Putin met at the Vostochny space base.\n\nThey discussed military cooperation.',
    source: 'time news',
    date: '2023-09-13T16:43:04',
    tags: ['Kim', 'Putin', 'cooperation'],
    url: 'https://example.com/kim-putin',
  },
  {
    id: 'budget',
    title: 'Parliament passes the budget',
    body: 'The parliament passed the budget after a long night. Putin was not mentioned.',
    source: 'Daily Ledger',
    date: '2021-03-02',
    tags: ['budget', 'parliament'],
  },
  {
    id: 'zurich',
    title: 'Rain over Zürich',
    body: 'A café in Zürich closed early as the rain went on. Weather services expect more rain.',
    source: 'Daily Ledger',
    date: '2021-11-20',
    tags: ['weather'],
  },
  {
    id: 'space',
    title: 'A new space station module',
    body: 'Engineers attached a module to the station. The space agency called it a success.',
    source: 'Science Wire',
    date: '1999-05-01',
    tags: ['space'],
  },
  {
    id: 'undated',
    title: 'Letters to the editor',
    body: 'Readers wrote about the budget, the weather and the space programme.',
    tags: [],
  },
];

export function request(overrides: Partial<SearchRequest> = {}): SearchRequest {
  return { q: '', sources: [], tags: [], sort: 'relevance', offset: 0, limit: 10, ...overrides };
}
