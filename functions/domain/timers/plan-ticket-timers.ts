import type { TimerScheduler } from '../ports/timer-scheduler';
import type { Deps } from '../store/store';
import { DEFAULT_AUTO_CLOSE_DAYS, type LiveTimer, type PlannedTimer, desiredTimers, diffTimers } from './plan-timers';


export interface PlanOutcome {
  created: string[];
  cancelled: string[];
  skipped?: 'superseded';
}

/** The org's auto-close delay in days (`settings.autoCloseDays`, default 7). */
export async function autoCloseDaysOf(deps: Deps, orgId: string): Promise<number> {
  const { data } = await deps.store.entities.organization.get({ orgId }).go();
  const days = Number((data?.settings as { autoCloseDays?: unknown } | undefined)?.autoCloseDays);
  return Number.isInteger(days) && days >= 1 ? days : DEFAULT_AUTO_CLOSE_DAYS;
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
  const desired = ticket ? desiredTimers(ticket, await autoCloseDaysOf(deps, orgId)) : [];
  const now = deps.now();
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
        if (!String((error as Error)?.message).includes('conditional')) throw error;
      });
  }
  return { created: create.map((t) => t.name), cancelled: cancel };
}
