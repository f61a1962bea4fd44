import { escapeHtml } from './marked-text.ts';

/**
 * The OpenSearch description browsers read to offer Broadsheet as a search engine.
 * `origin` comes from the request, so the templates point back at the host that served it.
 */
export function openSearchDescription(origin: string): string {
  const base = escapeHtml(origin);
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
  <ShortName>Broadsheet</ShortName>
  <Description>Search the news archive</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Url type="text/html" method="get" template="${base}/search?q={searchTerms}"/>
  <Url type="application/x-suggestions+json" method="get" template="${base}/api/suggest?format=opensearch&amp;q={searchTerms}"/>
  <Url type="application/opensearchdescription+xml" rel="self" template="${base}/opensearch.xml"/>
  <moz:SearchForm>${base}/</moz:SearchForm>
</OpenSearchDescription>
`;
}
