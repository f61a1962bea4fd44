/**
 * Dates as scraped news writes them, turned into ISO 8601.
 *
 * A date alone becomes `YYYY-MM-DD` (a month alone, `YYYY-MM`, stays as it is); a date with a time becomes `YYYY-MM-DDTHH:MM:SS`, followed by
 * its offset when it has one (`Z`, `+02:00`). We never invent a time zone: a time without
 * one stays local to whoever wrote it. Numeric dates with the year last are day first
 * (`13/09/2023`), always, as the contract says; there is no guessing from values over 12.
 */

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
] as const;

/** RFC 2822 zone names still seen in feeds, as offsets. */
const ZONES: Readonly<Record<string, string>> = {
  Z: 'Z', UT: 'Z', UTC: 'Z', GMT: 'Z',
  EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00',
  MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
};

const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/;
const DAY_FIRST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})/;
const MONTH_NAME_FIRST = /^([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/i;
const DAY_NAME_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,})\.?,?\s+(\d{4})/i;
/**
 * What may follow the date: nothing, or a time after `T`, a space, a comma, `at` or a dash
 * (`13/09/2023 – 16:43` is how "Published on" lines write it), then an optional zone.
 */
const TIME =
  /^(?:\s*(?:T|,|at|–|—|-|\|)\s*|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([ap])?(?:\.?m\.?)?\s*(Z|UTC|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[+-]\d{2}(?::?\d{2})?)?$/i;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * Reads a date the way news sites write it and returns it in ISO 8601, or `undefined` when the
 * text is not one date or names a day that does not exist (`31/02/2023`).
 *
 * @example normalizeDate('Sept. 13, 2023') // '2023-09-13'
 * @example normalizeDate('Wed, 13 Sep 2023 16:43:04 GMT') // '2023-09-13T16:43:04Z'
 * @example normalizeDate('2023-09-13 16:43:04') // '2023-09-13T16:43:04'
 */
export function normalizeDate(text: string): string | undefined {
  const input = text.trim().replace(/\s+/g, ' ').replace(WEEKDAY, '');
  // ISO 8601's reduced precision (`1958-12`), as archives and catalogues write a month.
  const month = YEAR_MONTH.exec(input);
  if (month !== null) return Number(month[2]) >= 1 && Number(month[2]) <= 12 ? input : undefined;
  const found = matchDate(input);
  if (found === undefined || !isRealDay(found.date)) return undefined;
  const day = formatDay(found.date);
  const rest = input.slice(found.length);
  if (rest.trim() === '') return day;
  const time = matchTime(rest);
  return time === undefined ? undefined : `${day}T${time}`;
}

/**
 * Like {@link normalizeDate}, for values from YAML or JSON, which may be `Date` objects:
 * YAML reads `date: 2023-09-13` as midnight UTC, so a `Date` at midnight UTC becomes a day,
 * any other `Date` becomes a UTC time (`2023-09-13T14:43:04Z`). Anything else is `undefined`.
 */
export function normalizeDateValue(value: unknown): string | undefined {
  if (typeof value === 'string') return normalizeDate(value);
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return undefined;
  const day = formatDay({
    year: value.getUTCFullYear(),
    month: value.getUTCMonth() + 1,
    day: value.getUTCDate(),
  });
  const [h, m, s, ms] = [value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds(), value.getUTCMilliseconds()];
  if (h === 0 && m === 0 && s === 0 && ms === 0) return day;
  return `${day}T${pad(h)}:${pad(m)}:${pad(s)}Z`;
}

function matchDate(input: string): { date: CalendarDate; length: number } | undefined {
  let match = YEAR_FIRST.exec(input);
  if (match !== null) {
    return { date: { year: Number(match[1]), month: Number(match[3]), day: Number(match[4]) }, length: match[0].length };
  }
  match = DAY_FIRST.exec(input);
  if (match !== null) {
    return { date: { year: Number(match[4]), month: Number(match[3]), day: Number(match[1]) }, length: match[0].length };
  }
  match = MONTH_NAME_FIRST.exec(input);
  if (match !== null) {
    const month = monthNumber(match[1] ?? '');
    if (month === undefined) return undefined;
    return { date: { year: Number(match[3]), month, day: Number(match[2]) }, length: match[0].length };
  }
  match = DAY_NAME_FIRST.exec(input);
  if (match !== null) {
    const month = monthNumber(match[2] ?? '');
    if (month === undefined) return undefined;
    return { date: { year: Number(match[3]), month, day: Number(match[1]) }, length: match[0].length };
  }
  return undefined;
}

/** `HH:MM:SS` plus the offset, from what followed the date; fractions of a second are dropped. */
function matchTime(rest: string): string | undefined {
  const match = TIME.exec(rest);
  if (match === null) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3] ?? '0');
  const meridiem = match[4]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = match[5] === undefined ? '' : normalizeZone(match[5]);
  if (zone === undefined) return undefined;
  return `${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`;
}

function normalizeZone(zone: string): string | undefined {
  const named = ZONES[zone.toUpperCase()];
  if (named !== undefined) return named;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 14 || minutes > 59) return undefined;
  return `${zone[0]}${pad(hours)}:${pad(minutes)}`;
}

/** `Sep`, `Sept`, `September` (any case, three letters at least) name the same month. */
function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase();
  const index = MONTHS.findIndex((month) => month.startsWith(lower));
  return index === -1 ? undefined : index + 1;
}

function isRealDay({ year, month, day }: CalendarDate): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

function formatDay({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
