import type { SlaCalendar } from '../../../schemas/sla-policies';
import { armTimer, assertInstant, commit, isActive, newTimer, settle } from './sla-timers';
import type { SlaState } from './sla-state';

/**
 * A customer message at `at`. When it follows an agent reply and no next-response target is
 * pending, the next-response target starts at `at` (in full; while paused it waits for the
 * resume). Before the first reply, or while a next response is already due, nothing changes:
 * the earliest unanswered message sets the clock.
 *
 * @param calendar the calendar of the policy the state follows (`state.policyId`).
 * @throws InvalidSlaArgumentError when `at` is invalid.
 * @throws InvalidSlaCalendarError or NoBusinessHoursError for an unusable calendar.
 */
export function recordCustomerMessage(state: SlaState, calendar: SlaCalendar, at: Date): SlaState {
  assertInstant(at);
  if (isActive(state.timers.firstResponse) || isActive(state.timers.nextResponse)) return state;
  const settled = settle(state, at).state;
  const timer = newTimer(state.targets.nextResponseMinutes, at);
  const nextResponse = settled.pausedSince ? timer : armTimer(timer, calendar, at, 0);
  return commit(state, { ...settled, timers: { ...settled.timers, nextResponse } }, at);
}
