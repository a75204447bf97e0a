import { DateTime, IANAZone } from 'luxon';
import { SLA_WEEKDAYS, type SlaCalendar } from '../../../schemas/sla-policies';
import { InvalidSlaCalendarError, NoBusinessHoursError } from './errors';

/**
 * A weekly calendar turned into real instants, one local date at a time.
 *
 * Semantics: an instant is business time when its local wall-clock reading in the
 * calendar's zone lies in a period of that local date, and the date is a working weekday
 * and not a holiday. So on a DST day a period's real length follows the local clock:
 * Europe/Berlin 2026-03-29 01:00-04:00 is 2 real hours, 2026-10-25 01:00-04:00 is 4, and a
 * period inside the repeated hour counts both occurrences (it may split in two).
 * All zone knowledge (offsets, transitions, wall-clock readings) comes from luxon; the only
 * arithmetic here is adding milliseconds inside a stretch where the offset is constant.
 */

/** Real time [startMs, endMs). */
export type Interval = readonly [number, number];

const MINUTE = 60_000;
const DAY_CACHE_LIMIT = 4096;
const TIME = /^(\d{2}):(\d{2})$/;

export interface WeeklySchedule {
  readonly kind: 'weekly';
  readonly zone: string;
  /** Indexed by luxon weekday (1 = Monday .. 7 = Sunday): sorted, merged [startMs, endMs) since local midnight. */
  readonly periods: ReadonlyArray<ReadonlyArray<Interval>>;
  readonly holidays: ReadonlySet<string>;
  readonly days: Map<string, Interval[]>;
}
export type CompiledCalendar = { readonly kind: '24x7' } | WeeklySchedule;

const ALWAYS: CompiledCalendar = { kind: '24x7' };
const compiled = new WeakMap<object, WeeklySchedule>();

/**
 * Validates and indexes a calendar (memoised per calendar object, which must not be mutated).
 * @throws InvalidSlaCalendarError on an unknown zone or a malformed period.
 * @throws NoBusinessHoursError when no weekday has a working minute.
 */
export function compileCalendar(calendar: SlaCalendar): CompiledCalendar {
  if (calendar === '24x7') return ALWAYS;
  const known = compiled.get(calendar);
  if (known) return known;
  if (!IANAZone.isValidZone(calendar.timezone)) {
    throw new InvalidSlaCalendarError(`unknown IANA time zone ${calendar.timezone}`);
  }
  const periods: Interval[][] = [[]];
  for (const day of SLA_WEEKDAYS) periods.push(mergeIntervals((calendar.hours[day] ?? []).map(([s, e]) => toPeriod(s, e))));
  if (periods.every((day) => day.length === 0)) throw new NoBusinessHoursError(calendar.timezone);
  const schedule: WeeklySchedule = {
    kind: 'weekly',
    zone: calendar.timezone,
    periods,
    holidays: new Set(calendar.holidays ?? []),
    days: new Map(),
  };
  compiled.set(calendar, schedule);
  return schedule;
}

function toPeriod(start: string, end: string): Interval {
  const s = wallMs(start);
  const e = wallMs(end);
  if (s >= e || s >= 24 * 60 * MINUTE || e > 24 * 60 * MINUTE) {
    throw new InvalidSlaCalendarError(`invalid period ${start}-${end}`);
  }
  return [s, e];
}

function wallMs(time: string): number {
  const m = TIME.exec(time);
  if (!m || Number(m[2]) > 59) throw new InvalidSlaCalendarError(`invalid local time ${time}`);
  return (Number(m[1]) * 60 + Number(m[2])) * MINUTE;
}

function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The local date (as a UTC-midnight DateTime, for plain date arithmetic) containing an instant. Throws nothing. */
export function localDateOf(schedule: WeeklySchedule, ms: number): DateTime {
  const local = DateTime.fromMillis(ms, { zone: schedule.zone });
  return DateTime.utc(local.year, local.month, local.day);
}

/** Real business intervals of one local date, sorted and disjoint (memoised). Throws nothing. */
export function businessIntervalsOn(schedule: WeeklySchedule, date: DateTime): Interval[] {
  const key = date.toISODate() as string;
  const cached = schedule.days.get(key);
  if (cached) return cached;
  const periods = schedule.periods[date.weekday];
  let result: Interval[] = [];
  if (periods.length > 0 && !schedule.holidays.has(key)) {
    const dayStart = startOfLocalDate(schedule.zone, date);
    const nextStart = startOfLocalDate(schedule.zone, date.plus({ days: 1 }));
    const pieces: Interval[] = [];
    for (const seg of constantOffsetStretches(schedule.zone, dayStart, nextStart)) {
      const wallEnd = seg.wall0 + (seg.end - seg.start);
      for (const [s, e] of periods) {
        const lo = Math.max(s, seg.wall0);
        const hi = Math.min(e, wallEnd);
        if (hi > lo) pieces.push([seg.start + (lo - seg.wall0), seg.start + (hi - seg.wall0)]);
      }
    }
    result = mergeIntervals(pieces);
  }
  if (schedule.days.size >= DAY_CACHE_LIMIT) schedule.days.clear();
  schedule.days.set(key, result);
  return result;
}

/** First instant of a local date; luxon moves a midnight that DST skips to the first existing time. */
function startOfLocalDate(zone: string, date: DateTime): number {
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone }).toMillis();
}

interface Stretch {
  start: number;
  end: number;
  /** Wall-clock reading at `start`, in ms since local midnight. */
  wall0: number;
}

/**
 * Splits a local day at its offset transition, if any. Assumes at most one transition per
 * day, which holds for every zone in current tzdata.
 */
function constantOffsetStretches(zone: string, dayStart: number, nextStart: number): Stretch[] {
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const first = offsetAt(dayStart);
  if (offsetAt(nextStart - 1) === first) return [{ start: dayStart, end: nextStart, wall0: wallClockAt(zone, dayStart) }];
  let lo = dayStart;
  let hi = nextStart - 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid) === first) lo = mid;
    else hi = mid;
  }
  return [
    { start: dayStart, end: hi, wall0: wallClockAt(zone, dayStart) },
    { start: hi, end: nextStart, wall0: wallClockAt(zone, hi) },
  ];
}

function wallClockAt(zone: string, ms: number): number {
  const t = DateTime.fromMillis(ms, { zone });
  return ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.millisecond;
}
