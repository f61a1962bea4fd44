import type { Timeline, TimelineBucket } from '../library.ts';

const MONTHS_WHEN_SPAN_AT_MOST_YEARS = 2;

/**
 * Matching documents per year, or per month when they all fall within two years, with
 * empty periods between the first and last kept so the histogram's gaps are real.
 */
export function buildTimeline(times: Iterable<number>): Timeline {
  let min = Infinity;
  let max = -Infinity;
  const dates: Date[] = [];
  for (const time of times) {
    if (Number.isNaN(time)) continue;
    const date = new Date(time);
    dates.push(date);
    min = Math.min(min, time);
    max = Math.max(max, time);
  }
  if (dates.length === 0) return { unit: 'year', buckets: [] };
  const firstYear = new Date(min).getUTCFullYear();
  const lastYear = new Date(max).getUTCFullYear();
  const unit = lastYear - firstYear < MONTHS_WHEN_SPAN_AT_MOST_YEARS ? 'month' : 'year';

  const counts = new Map<number, number>();
  const keyOf = (date: Date) => (unit === 'year' ? date.getUTCFullYear() : date.getUTCFullYear() * 12 + date.getUTCMonth());
  for (const date of dates) counts.set(keyOf(date), (counts.get(keyOf(date)) ?? 0) + 1);

  const buckets: TimelineBucket[] = [];
  for (let key = keyOf(new Date(min)); key <= keyOf(new Date(max)); key++) {
    buckets.push({ ...period(unit, key), count: counts.get(key) ?? 0 });
  }
  return { unit, buckets };
}

function period(unit: Timeline['unit'], key: number): Omit<TimelineBucket, 'count'> {
  if (unit === 'year') {
    const year = pad(key, 4);
    return { label: year, from: `${year}-01-01`, to: `${year}-12-31` };
  }
  const year = Math.floor(key / 12);
  const month = (key % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = `${pad(year, 4)}-${pad(month, 2)}`;
  return { label: prefix, from: `${prefix}-01`, to: `${prefix}-${pad(lastDay, 2)}` };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
