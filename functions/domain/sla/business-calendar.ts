import type { SlaCalendar } from '../../../schemas/sla-policies';
import { businessIntervalsOn, compileCalendar, localDateOf } from './calendar-days';
import { InvalidSlaArgumentError, NoBusinessHoursError } from './errors';

/*
 * Business-time arithmetic over an SLA calendar. "24x7" is plain elapsed time. A weekly
 * calendar counts the instants whose local wall-clock time (in its zone) lies inside a
 * period of a working, non-holiday local date; see calendar-days.ts for the DST rules.
 * Both walks go a local day at a time (a few luxon calls per day), never minute by minute.
 */

const MINUTE = 60_000;

/**
 * The instant at which `minutes` of business time have elapsed from `start`.
 *
 * Zero minutes returns `start` itself, even outside business hours. Otherwise the result
 * always lies inside or at the end of a business period: when the time runs out exactly at
 * a closing time, that closing time is returned, not the next opening. A start outside
 * business hours counts from the next opening. Fractional minutes are rounded to the ms.
 *
 * @throws InvalidSlaArgumentError when `start` is invalid or `minutes` negative or not finite.
 * @throws InvalidSlaCalendarError on a malformed calendar.
 * @throws NoBusinessHoursError when the calendar has no working time (or holidays block it for good).
 */
export function addBusinessMinutes(calendar: SlaCalendar, start: Date, minutes: number): Date {
  assertDuration(minutes);
  return addBusinessMillis(calendar, start, Math.round(minutes * MINUTE));
}

/**
 * Business minutes in [from, to): may be fractional (ms precision); 0 when `to` is not after `from`.
 *
 * @throws InvalidSlaArgumentError when an instant is invalid.
 * @throws InvalidSlaCalendarError on a malformed calendar.
 * @throws NoBusinessHoursError when the calendar has no working period on any weekday.
 */
export function businessMinutesBetween(calendar: SlaCalendar, from: Date, to: Date): number {
  return businessMillisBetween(calendar, from, to) / MINUTE;
}

/**
 * {@link addBusinessMinutes} in milliseconds: the unit of the SLA clock.
 * @throws InvalidSlaArgumentError, InvalidSlaCalendarError, NoBusinessHoursError as addBusinessMinutes.
 */
export function addBusinessMillis(calendar: SlaCalendar, start: Date, ms: number): Date {
  const t0 = instant(start, 'start');
  assertDuration(ms);
  const schedule = compileCalendar(calendar);
  if (ms === 0) return new Date(t0);
  if (schedule.kind === '24x7') return new Date(t0 + ms);

  // A run of days without any business time is bounded: every week has a working weekday
  // unless a holiday covers it, so more idle days than this means the time never comes.
  const idleLimit = 7 * (schedule.holidays.size + 2);
  let remaining = ms;
  let idle = 0;
  for (let date = localDateOf(schedule, t0); ; date = date.plus({ days: 1 })) {
    let progressed = false;
    for (const [a, b] of businessIntervalsOn(schedule, date)) {
      if (b <= t0) continue;
      const from = Math.max(a, t0);
      if (remaining <= b - from) return new Date(from + remaining);
      remaining -= b - from;
      progressed = true;
    }
    idle = progressed ? 0 : idle + 1;
    if (idle > idleLimit) throw new NoBusinessHoursError(schedule.zone);
  }
}

/**
 * {@link businessMinutesBetween} in milliseconds.
 * @throws InvalidSlaArgumentError, InvalidSlaCalendarError, NoBusinessHoursError as businessMinutesBetween.
 */
export function businessMillisBetween(calendar: SlaCalendar, from: Date, to: Date): number {
  const t0 = instant(from, 'from');
  const t1 = instant(to, 'to');
  const schedule = compileCalendar(calendar);
  if (t1 <= t0) return 0;
  if (schedule.kind === '24x7') return t1 - t0;

  let total = 0;
  const last = localDateOf(schedule, t1).toMillis();
  for (let date = localDateOf(schedule, t0); date.toMillis() <= last; date = date.plus({ days: 1 })) {
    for (const [a, b] of businessIntervalsOn(schedule, date)) {
      const lo = Math.max(a, t0);
      const hi = Math.min(b, t1);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

function instant(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new InvalidSlaArgumentError(`${name} is not a valid instant`);
  return ms;
}

function assertDuration(value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidSlaArgumentError(`business duration must be a finite number >= 0, got ${value}`);
  }
}
