import type { SlaCalendar } from '../../../schemas/sla-policies';
import { addBusinessMillis, businessMillisBetween } from './business-calendar';
import { deadlinesOf } from './deadlines-of';
import { InvalidSlaArgumentError } from './errors';
import { SLA_TARGET_KINDS, SLA_WARNING_RATIO, type SlaDeadline, type SlaState, type SlaTimer } from './sla-state';

/* Building blocks shared by the SLA use cases; not part of the domain's public surface. */

const MINUTE = 60_000;

export const iso = (d: Date): string => d.toISOString();

/** @throws InvalidSlaArgumentError when `at` is not a valid Date. */
export function assertInstant(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new InvalidSlaArgumentError('not a valid instant');
}

export function newTimer(targetMinutes: number, startedAt: Date): SlaTimer {
  return {
    targetMinutes,
    startedAt: iso(startedAt),
    since: iso(startedAt),
    consumedMs: 0,
    warningAt: null,
    dueAt: null,
    warned: false,
    breached: false,
    completedAt: null,
  };
}

export const isActive = (timer: SlaTimer | undefined): timer is SlaTimer => !!timer && !timer.completedAt;

/** Business ms the timer has consumed by `until` (its run stops there). */
export function consumedBy(timer: SlaTimer, calendar: SlaCalendar, until: Date): number {
  return timer.consumedMs + businessMillisBetween(calendar, new Date(timer.since), until);
}

/**
 * Runs the timer from `from` with `consumedMs` already used: the remaining business time
 * is laid out from `from`. A stage already reached keeps its recorded instant.
 */
export function armTimer(timer: SlaTimer, calendar: SlaCalendar, from: Date, consumedMs: number): SlaTimer {
  const targetMs = timer.targetMinutes * MINUTE;
  const at = (stageMs: number) => iso(addBusinessMillis(calendar, from, Math.max(0, stageMs - consumedMs)));
  return {
    ...timer,
    since: iso(from),
    consumedMs,
    warningAt: timer.warned ? timer.warningAt : at(targetMs * SLA_WARNING_RATIO),
    dueAt: timer.breached ? timer.dueAt : at(targetMs),
  };
}

/** Clears the instants of stages not yet reached: they are unknown until the clock runs again. */
export function suspendTimer(timer: SlaTimer): SlaTimer {
  return { ...timer, warningAt: timer.warned ? timer.warningAt : null, dueAt: timer.breached ? timer.dueAt : null };
}

export function mapActiveTimers(state: SlaState, f: (timer: SlaTimer) => SlaTimer): SlaState['timers'] {
  const timers: SlaState['timers'] = { ...state.timers };
  for (const kind of SLA_TARGET_KINDS) {
    const timer = timers[kind];
    if (isActive(timer)) timers[kind] = f(timer);
  }
  return timers;
}

/** Records every deadline of a running clock whose instant is not after `at`. */
export function settle(state: SlaState, at: Date): { state: SlaState; reached: SlaDeadline[] } {
  const now = at.getTime();
  const reached = deadlinesOf(state).filter((d) => d.at.getTime() <= now);
  if (reached.length === 0) return { state, reached };
  const timers: SlaState['timers'] = { ...state.timers };
  const breached = [...state.breached];
  for (const d of reached) {
    const timer = timers[d.kind] as SlaTimer;
    if (d.stage === 'warning') timers[d.kind] = { ...timer, warned: true };
    else {
      timers[d.kind] = { ...timer, breached: true };
      breached.push({ kind: d.kind, at: iso(d.at) });
    }
  }
  return { state: { ...state, timers, breached }, reached };
}

/**
 * Finishes a change made at `at`: records what is reached by then, and bumps `slaVersion`
 * when the deadlines still to come differ from those of `before`. Recording a reached
 * deadline alone does not bump it: the other timers stay valid.
 */
export function commit(before: SlaState, after: SlaState, at: Date): SlaState {
  const settled = settle(after, at).state;
  const now = at.getTime();
  const key = (ds: SlaDeadline[]) => ds.map((d) => `${d.kind}/${d.stage}/${d.at.getTime()}`).join(',');
  const was = key(deadlinesOf(before).filter((d) => d.at.getTime() > now));
  const is = key(deadlinesOf(settled));
  return was === is ? settled : { ...settled, slaVersion: before.slaVersion + 1 };
}
