/*
 * htmx wiring shared by the search page's links. The form swaps #results while typing; links
 * carry the same target and push a history entry. Every request shares the form's queue, so
 * a newer one aborts an older one.
 */

export const RESULTS = '#results';
const SYNC = '#search-form:replace';

/** A real link that htmx turns into a results swap (and a new history entry). */
export function navLink(href: string): Record<string, string> {
  return {
    href,
    'hx-get': href,
    'hx-target': RESULTS,
    'hx-push-url': 'true',
    'hx-sync': SYNC,
    'hx-swap': 'innerHTML scroll:top scrollTarget:window',
  };
}
