import type { SlaCalendar, SlaPriority } from '../../../schemas/sla-policies';
import { armTimer, assertInstant, commit, consumedBy, iso, isActive, settle, suspendTimer } from './sla-timers';
import { SLA_TARGET_KINDS, SLA_WARNING_RATIO, targetMinutesOf, type SlaPolicy, type SlaState } from './sla-state';

export interface SlaChange {
  /** The policy to follow from now on: the current one for a priority change. */
  policy: SlaPolicy;
  priority: SlaPriority;
}

/**
 * Applies a priority or policy change at `at`. The business time each unfinished target has
 * consumed is measured on the calendar in force until now (`calendar`), then the new
 * target's remainder is laid out on the new policy's calendar from `at`. A target whose new
 * limit is already used up is breached at `at`. Breaches stay recorded; the warning of an
 * unbreached target is armed again when the new 75 % mark is still ahead. While paused, only the targets change.
 *
 * @param calendar the calendar of the policy the state followed until `at`.
 * @throws InvalidSlaArgumentError when `at` is invalid.
 * @throws InvalidSlaCalendarError or NoBusinessHoursError for an unusable calendar.
 */
export function recomputeSla(state: SlaState, calendar: SlaCalendar, change: SlaChange, at: Date): SlaState {
  assertInstant(at);
  const settled = settle(state, at).state;
  const until = settled.pausedSince ? new Date(settled.pausedSince) : at;
  const targets = { ...change.policy.targets[change.priority] };
  const timers: SlaState['timers'] = { ...settled.timers };
  for (const kind of SLA_TARGET_KINDS) {
    const timer = timers[kind];
    if (!isActive(timer)) continue;
    const consumedMs = consumedBy(timer, calendar, until);
    const targetMinutes = targetMinutesOf(targets, kind);
    const warned = timer.warned && (timer.breached || consumedMs >= targetMinutes * 60_000 * SLA_WARNING_RATIO);
    const since = iso(new Date(Math.max(until.getTime(), Date.parse(timer.since))));
    const next = { ...timer, targetMinutes, consumedMs, since, warned, warningAt: warned ? timer.warningAt : null };
    timers[kind] = settled.pausedSince ? suspendTimer(next) : armTimer(next, change.policy.calendar, at, consumedMs);
  }
  const next = { ...settled, policyId: change.policy.id, priority: change.priority, targets, timers };
  return commit(state, next, at);
}
