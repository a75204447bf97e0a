import { assertInstant, commit, iso, mapActiveTimers, settle, suspendTimer } from './sla-timers';
import type { SlaState } from './sla-state';

/**
 * Stops the clocks at `at` (ticket now waiting on the customer or a third party). Deadlines
 * reached by `at` are recorded first; the business time used so far is measured on resume,
 * so no calendar is needed here. Pausing a paused state returns it unchanged.
 *
 * @throws InvalidSlaArgumentError when `at` is not a valid instant.
 */
export function pauseSla(state: SlaState, at: Date): SlaState {
  assertInstant(at);
  if (state.pausedSince) return state;
  const settled = settle(state, at).state;
  const timers = mapActiveTimers(settled, suspendTimer);
  return commit(state, { ...settled, pausedSince: iso(at), timers }, at);
}
