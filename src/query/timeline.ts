import type { Timeline, TimelineBucket } from '../library.ts';

const MONTHS_WHEN_SPAN_AT_MOST_YEARS = 2;

/** Documents per month, indexed from `firstMonth` over `span` months. */
export function countMonths(docs: ArrayLike<number>, monthOf: ArrayLike<number>, firstMonth: number, span: number): Int32Array {
  const perMonth = new Int32Array(span);
  for (let i = 0; i < docs.length; i++) {
    const month = monthOf[docs[i]!]!;
    if (month >= 0) perMonth[month - firstMonth]!++;
  }
  return perMonth;
}

/**
 * Matching documents per year, or per month when they all fall within two years, with
 * empty periods between the first and last kept so the histogram's gaps are real.
 *
 * @param perMonth documents per month from `firstMonth` (months as `year * 12 + month - 1`)
 */
export function buildTimeline(perMonth: ArrayLike<number>, firstMonth: number): Timeline {
  let firstAt = 0;
  while (firstAt < perMonth.length && perMonth[firstAt] === 0) firstAt++;
  if (firstAt === perMonth.length) return { unit: 'year', buckets: [] };
  let lastAt = perMonth.length - 1;
  while (perMonth[lastAt] === 0) lastAt--;
  const first = firstMonth + firstAt;
  const last = firstMonth + lastAt;
  const unit = Math.floor(last / 12) - Math.floor(first / 12) < MONTHS_WHEN_SPAN_AT_MOST_YEARS ? 'month' : 'year';
  const keyOf = (month: number) => (unit === 'year' ? Math.floor(month / 12) : month);
  const counts = new Map<number, number>();
  for (let at = firstAt; at <= lastAt; at++) counts.set(keyOf(firstMonth + at), (counts.get(keyOf(firstMonth + at)) ?? 0) + perMonth[at]!);

  const buckets: TimelineBucket[] = [];
  for (let key = keyOf(first); key <= keyOf(last); key++) {
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
