import { describe, expect, it } from 'vitest';
import { normalizeDate, normalizeDateValue } from '../../src/ingest/parse-date.ts';

describe('normalizeDate', () => {
  it.each([
    ['2023-09-13 16:43:04', '2023-09-13T16:43:04'],
    ['2023-09-13T16:43:04', '2023-09-13T16:43:04'],
    ['2023-09-13T16:43:04Z', '2023-09-13T16:43:04Z'],
    ['2023-09-13T16:43:04+02:00', '2023-09-13T16:43:04+02:00'],
    ['2023-09-13T16:43:04.250-05:30', '2023-09-13T16:43:04-05:30'],
    ['2023-09-13', '2023-09-13'],
    ['13/09/2023', '2023-09-13'],
    ['September 13, 2023', '2023-09-13'],
    ['Sept. 13, 2023', '2023-09-13'],
    ['Sep 13 2023', '2023-09-13'],
    ['13 September 2023', '2023-09-13'],
    ['Wed, 13 Sep 2023 16:43:04 GMT', '2023-09-13T16:43:04Z'],
    ['Wed, 13 Sep 2023 16:43:04 +0200', '2023-09-13T16:43:04+02:00'],
    ['  Wednesday, September 13, 2023  ', '2023-09-13'],
    ['13/09/2023 – 16:43', '2023-09-13T16:43:00'],
    ['May 5, 2023 at 4:30 pm EDT', '2023-05-05T16:30:00-04:00'],
  ])('reads %j as %j', (text, iso) => {
    expect(normalizeDate(text)).toBe(iso);
  });

  it('reads numeric dates day first, even when the day could be a month', () => {
    expect(normalizeDate('01/02/2023')).toBe('2023-02-01');
    expect(normalizeDate('12/11/2023')).toBe('2023-11-12');
  });

  it.each(['31/02/2023', '2023-02-29', '2023-13-01', '32 January 2023', '2023-09-13 25:00', 'Smarch 3, 2023'])(
    'rejects the impossible date %j',
    (text) => {
      expect(normalizeDate(text)).toBeUndefined();
    },
  );

  it('keeps ISO 8601 month precision and refuses a month that does not exist', () => {
    expect(normalizeDate('1958-12')).toBe('1958-12');
    expect(normalizeDate('1958-13')).toBeUndefined();
  });

  it('accepts 29 February in a leap year', () => {
    expect(normalizeDate('29/02/2024')).toBe('2024-02-29');
  });

  it.each(['', 'yesterday', 'North Korean leader Kim Jong Un met Putin on 13 September 2023.', '2023', '13/09/2023 and more'])(
    'rejects %j, which is not one date',
    (text) => {
      expect(normalizeDate(text)).toBeUndefined();
    },
  );
});

describe('normalizeDateValue', () => {
  it('reads a Date at midnight UTC (YAML `date: 2023-09-13`) as a day', () => {
    expect(normalizeDateValue(new Date(Date.UTC(2023, 8, 13)))).toBe('2023-09-13');
  });

  it('reads any other Date as a UTC time', () => {
    expect(normalizeDateValue(new Date('2023-09-13T16:43:04+02:00'))).toBe('2023-09-13T14:43:04Z');
  });

  it('reads strings like normalizeDate and nothing else', () => {
    expect(normalizeDateValue('13/09/2023')).toBe('2023-09-13');
    expect(normalizeDateValue(new Date('not a date'))).toBeUndefined();
    expect(normalizeDateValue(20230913)).toBeUndefined();
    expect(normalizeDateValue(undefined)).toBeUndefined();
  });
});
