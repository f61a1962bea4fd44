import MiniSearch from 'minisearch';

export interface BaselineDocument {
  id: string;
  title: string;
  text: string;
}

/**
 * Raw MiniSearch with its default options, over title and text: the baseline every
 * relevance number of ours is compared with. Returns a function ranking document ids.
 */
export function minisearchDefaults(documents: readonly BaselineDocument[]): (query: string, limit: number) => string[] {
  const miniSearch = new MiniSearch<BaselineDocument>({ fields: ['title', 'text'] });
  miniSearch.addAll(documents);
  return (query, limit) => miniSearch.search(query).slice(0, limit).map((result) => String(result.id));
}
