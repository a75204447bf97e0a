import { isConditionFailure } from '../store/cancellation-reasons';
import type { TimerScheduler } from '../ports/timer-scheduler';
import type { Deps } from '../store/store';
import { readSettings } from '../settings/org-settings';
import { idleHoursOf } from '../automations/automation-rules';
import { type LiveTimer, type PlannedTimer, desiredTimers, diffTimers } from './plan-timers';


export interface PlanOutcome {
  created: string[];
  cancelled: string[];
  skipped?: 'superseded';
}

/** The org's auto-close delay in days (`settings.autoCloseDays`, default 7), through the one settings reader. */
export async function autoCloseDaysOf(deps: Deps, orgId: string): Promise<number> {
  return (await readSettings(deps, orgId)).autoCloseDays;
}

/**
 * Brings a ticket's schedules in line with its current state: re-reads the ticket, creates
 * the missing timers, deletes the ones that no longer apply, and records the live set (guarded
 * by the ticket version planned from, so an older plan never overwrites a newer one). Safe to
 * run twice: schedule names are deterministic and both scheduler calls are idempotent.
 * A ticket that is gone gets all its timers deleted.
 * @throws whatever the scheduler throws (the event is then redelivered and planned again).
 */
export async function planTicketTimers(deps: Deps, timers: TimerScheduler, orgId: string, ticketId: string): Promise<PlanOutcome> {
  const [{ data: ticket }, { data: set }] = await Promise.all([
    deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true }),
    deps.store.entities.ticketTimers.get({ orgId, ticketId }).go({ consistent: true }),
  ]);
  const live: LiveTimer[] = (set?.timers as LiveTimer[] | undefined) ?? [];
  if (set && ticket && set.basedOnVersion > ticket.version) return { created: [], cancelled: [], skipped: 'superseded' };
  const now = deps.now();
  let desired: PlannedTimer[] = [];
  if (ticket) {
    const [settings, idleHours] = await Promise.all([readSettings(deps, orgId), idleHoursOf(deps, orgId)]);
    desired = desiredTimers(ticket, settings.autoCloseDays, {
      autoCloseWarning: settings.autoCloseWarning, surveyDelayHours: settings.surveyDelayHours, idleHours, now,
    });
  }
  const { create, cancel } = diffTimers(live, desired, now);
  for (const timer of create) {
    await timers.schedule({ ...timer, at: new Date(Math.max(timer.at.getTime(), now.getTime())) });
  }
  for (const name of cancel) await timers.cancel(name);
  const version = ticket?.version ?? Number.MAX_SAFE_INTEGER;
  if (create.length || cancel.length || !set || set.basedOnVersion < version) {
    await deps.store.entities.ticketTimers
      .put({
        orgId, ticketId, basedOnVersion: version, updatedAt: now.toISOString(),
        timers: desired.map((t) => ({ name: t.name, at: t.at.toISOString() })),
      })
      .where(({ basedOnVersion }, { lte, notExists }) => `${notExists(basedOnVersion)} OR ${lte(basedOnVersion, version)}`)
      .go()
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }
  return { created: create.map((t) => t.name), cancelled: cancel };
}
