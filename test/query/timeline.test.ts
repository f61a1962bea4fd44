import { describe, expect, it } from 'vitest';
import { buildTimeline, countMonths } from '../../src/query/timeline.ts';

const month = (year: number, number: number) => year * 12 + number - 1;

describe('timeline', () => {
  const first = month(2020, 1);
  const monthOf = [month(2020, 3), month(2020, 3), month(2020, 5), -1, month(2023, 2)];

  it('counts documents per month, leaving undated ones out', () => {
    expect([...countMonths([0, 1, 2, 3], monthOf, first, 6)]).toEqual([0, 0, 2, 0, 1, 0]);
  });

  it('has months, gaps included, when the matches fall within two years', () => {
    const timeline = buildTimeline(countMonths([0, 1, 2, 3], monthOf, first, 48), first);
    expect(timeline.unit).toBe('month');
    expect(timeline.buckets.map((bucket) => [bucket.label, bucket.count])).toEqual([
      ['2020-03', 2],
      ['2020-04', 0],
      ['2020-05', 1],
    ]);
    expect(timeline.buckets[1]).toMatchObject({ from: '2020-04-01', to: '2020-04-30' });
  });

  it('has years beyond that, and nothing without dated matches', () => {
    const timeline = buildTimeline(countMonths([0, 2, 4], monthOf, first, 48), first);
    expect(timeline.unit).toBe('year');
    expect(timeline.buckets.map((bucket) => [bucket.label, bucket.count])).toEqual([
      ['2020', 2],
      ['2021', 0],
      ['2022', 0],
      ['2023', 1],
    ]);
    expect(buildTimeline(countMonths([3], monthOf, first, 48), first).buckets).toEqual([]);
  });
});
