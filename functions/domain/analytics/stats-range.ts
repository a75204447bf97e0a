/** Calendar maths of the stats API: local dates in a time zone to the UTC cells that cover them. */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const MAX_RANGE_DAYS = 366;
export const MAX_HOURLY_DAYS = 31;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Whether `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    formatterOf(tz);
    return true;
  } catch {
    return false;
  }
}

/** The offset of `tz` from UTC at an instant, in ms (positive east of Greenwich). */
export function offsetAt(tz: string, instant: number): number {
  const parts = Object.fromEntries(formatterOf(tz).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a local date (`YYYY-MM-DD`) begins in `tz`. */
export function startOfLocalDay(date: string, tz: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`);
  let guess = naive - offsetAt(tz, naive);
  guess = naive - offsetAt(tz, guess);
  return guess;
}

/** The local date (`YYYY-MM-DD`) of an instant in `tz`. */
export function localDateOf(instant: number, tz: string): string {
  return new Date(instant + offsetAt(tz, instant)).toISOString().slice(0, 10);
}

/**
 * A real calendar date `YYYY-MM-DD` in the years 1000-9998. Outside them the calendar maths breaks:
 * `Date.UTC` reads years 0-99 as 1900-1999, the day before 0000-01-01 prints as `-000001-12-31`,
 * the day after 9999-12-31 as `+010000-01-01` (a year 0000 range was a 500 from an Invalid Date).
 */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= 1000 && year <= 9998 && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** Days from `from` to `to` inclusive (local dates). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** A run of cells of one grain: UTC days `D` (YYYY-MM-DD) or UTC hours `H` (YYYY-MM-DDTHH), both ends inclusive. */
export interface Segment {
  grain: 'D' | 'H';
  from: string;
  to: string;
}

const hourKey = (instant: number) => new Date(instant).toISOString().slice(0, 13);
const dayKey = (instant: number) => new Date(instant).toISOString().slice(0, 10);

/**
 * The UTC cells covering local dates `from`..`to` in `tz`: whole UTC days from day cells, the
 * ragged ends from hour cells. Exact for zones whole hours from UTC; for others the boundary
 * hour is counted whole (off by the part of one hour).
 */
export function segmentsOf(from: string, to: string, tz: string): { start: number; end: number; segments: Segment[] } {
  const start = Math.floor(startOfLocalDay(from, tz) / HOUR_MS) * HOUR_MS;
  const end = Math.ceil(startOfLocalDay(new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10), tz) / HOUR_MS) * HOUR_MS;
  const segments: Segment[] = [];
  const firstMidnight = Math.ceil(start / DAY_MS) * DAY_MS;
  const lastMidnight = Math.floor(end / DAY_MS) * DAY_MS;
  if (firstMidnight >= lastMidnight) {
    segments.push({ grain: 'H', from: hourKey(start), to: hourKey(end - HOUR_MS) });
    return { start, end, segments };
  }
  if (start < firstMidnight) segments.push({ grain: 'H', from: hourKey(start), to: hourKey(firstMidnight - HOUR_MS) });
  segments.push({ grain: 'D', from: dayKey(firstMidnight), to: dayKey(lastMidnight - DAY_MS) });
  if (lastMidnight < end) segments.push({ grain: 'H', from: hourKey(lastMidnight), to: hourKey(end - HOUR_MS) });
  return { start, end, segments };
}

/** The whole range as hour cells (hourly series, or daily ones in a zone not aligned with UTC days). */
export function hourSegmentOf(from: string, to: string, tz: string): { start: number; end: number; segment: Segment } {
  const { start, end } = segmentsOf(from, to, tz);
  return { start, end, segment: { grain: 'H', from: hourKey(start), to: hourKey(end - HOUR_MS) } };
}

export const HOUR = HOUR_MS;
export const DAY = DAY_MS;
