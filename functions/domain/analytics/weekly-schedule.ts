import { createHash } from 'node:crypto';
import { WEEKDAYS } from '../../../schemas/settings';
import type { RecurringScheduler, WeeklyAt } from '../ports/recurring-scheduler';
import { readSettings } from '../settings/org-settings';
import type { Deps } from '../store/store';
import { DAY, localDateOf, offsetAt } from './stats-range';

const MINUTE_MS = 60_000;

/** The instant a local wall time (`date` at `hour`:00) is in `tz`; in a DST gap, the hour after. */
export function localInstant(date: string, hour: number, tz: string): number {
  const naive = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  let guess = naive - offsetAt(tz, naive);
  guess = naive - offsetAt(tz, guess);
  return guess;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const weekdayOf = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];

/** The first firing of a weekly schedule strictly after `after`. Pure. */
export function nextWeeklyFiring(weekly: WeeklyAt, after: Date): Date {
  const today = localDateOf(after.getTime(), weekly.timeZone);
  for (let i = -1; i <= 8; i++) {
    const date = addDays(today, i);
    if (weekdayOf(date) !== weekly.day) continue;
    const at = localInstant(date, weekly.hour, weekly.timeZone);
    if (at > after.getTime()) return new Date(at);
  }
  throw new Error('no weekly firing within eight days'); // unreachable: a weekday comes every 7 days
}

/**
 * The week a firing summarises: the seven local dates before the firing's own date in `tz`
 * (a Monday 08:00 firing covers Monday..Sunday of the week before). `from`/`to` inclusive.
 */
export function weekBefore(firedAt: Date, tz: string): { from: string; to: string } {
  // A minute's grace: a firing due at 00:00 that reads its clock a little early still means that day.
  const date = localDateOf(firedAt.getTime() + MINUTE_MS, tz);
  return { from: addDays(date, -7), to: addDays(date, -1) };
}

/** The organization's one weekly-summary schedule name (Scheduler names: <= 64 of [0-9A-Za-z-_.]). */
export function weeklyScheduleName(orgId: string): string {
  const name = `weekly-summary-${orgId}`;
  if (/^[0-9A-Za-z_.-]{1,64}$/.test(name)) return name;
  return `weekly-summary-${createHash('sha256').update(orgId).digest('hex').slice(0, 40)}`;
}

export type ScheduleSync = { action: 'upserted'; weekly: WeeklyAt } | { action: 'removed' };

/**
 * Makes the organization's one weekly-summary schedule match its settings as they are now:
 * created or updated when enabled, deleted when not. Reads the settings again rather than
 * trusting the event, so a late or repeated job converges on the current state. Idempotent.
 */
export async function syncWeeklySummarySchedule(deps: Deps, scheduler: RecurringScheduler, orgId: string): Promise<ScheduleSync> {
  const { weeklySummary } = await readSettings(deps, orgId);
  const name = weeklyScheduleName(orgId);
  if (!weeklySummary.enabled) {
    await scheduler.remove(name);
    return { action: 'removed' };
  }
  const weekly: WeeklyAt = { day: weeklySummary.day, hour: weeklySummary.hour, timeZone: weeklySummary.timeZone };
  await scheduler.upsert({ name, weekly, payload: { kind: 'weekly-summary', orgId } });
  return { action: 'upserted', weekly };
}
