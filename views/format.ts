/** Small, pure formatting for the views: dates, counts, durations. English, UTC. */

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const SHORT_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const NUMBER = new Intl.NumberFormat('en-GB');

/** `2023-03-02T10:00:00Z` -> `2 March 2023`, `1958-12` -> `December 1958`; anything unreadable is shown as written. */
export function formatDate(iso: string): string {
  if (/^\d{4}-\d{2}$/.test(iso)) return formatPeriod(iso);
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(time) ? iso : LONG_DATE.format(time);
}

/** A timeline label: `2023` stays, `2023-09` -> `September 2023` (or `Sep 2023` when short). */
export function formatPeriod(label: string, short = false): string {
  const match = /^(\d{4})-(\d{2})$/.exec(label);
  if (!match) return label;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
  return (short ? SHORT_MONTH : MONTH).format(time);
}

export function formatCount(count: number): string {
  return NUMBER.format(count);
}

/** `3 articles`, `1 article`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** Milliseconds as people read them: `4 ms`, `0.3 ms`, `1.2 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${Math.max(0.1, Math.round(ms * 10) / 10)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A URL shortened for display: host and path, no scheme. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : parsed.pathname;
    return `${parsed.host.replace(/^www\./, '')}${path}`;
  } catch {
    return url;
  }
}
