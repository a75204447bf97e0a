import type { SlaCalendar } from '../../../schemas/sla-policies';
import { InvalidSlaArgumentError } from './errors';
import { armTimer, assertInstant, commit, consumedBy, mapActiveTimers } from './sla-timers';
import type { SlaState } from './sla-state';

/**
 * Restarts the clocks at `at`: each unfinished target gets its remaining business time laid
 * out from `at`, so its due time moves by the business time spent paused. A target started
 * during the pause (a customer message) runs in full from `at`. Resuming a running state
 * returns it unchanged.
 *
 * @param calendar the calendar of the policy the state follows (`state.policyId`).
 * @throws InvalidSlaArgumentError when `at` is invalid or before the pause.
 * @throws InvalidSlaCalendarError or NoBusinessHoursError for an unusable calendar.
 */
export function resumeSla(state: SlaState, calendar: SlaCalendar, at: Date): SlaState {
  assertInstant(at);
  if (!state.pausedSince) return state;
  const pausedAt = new Date(state.pausedSince);
  if (!(at.getTime() >= pausedAt.getTime())) {
    throw new InvalidSlaArgumentError(`resume at ${String(at)} precedes the pause at ${state.pausedSince}`);
  }
  const timers = mapActiveTimers(state, (t) => armTimer(t, calendar, at, consumedBy(t, calendar, pausedAt)));
  return commit(state, { ...state, pausedSince: null, timers }, at);
}
