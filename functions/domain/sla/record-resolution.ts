import { assertInstant, commit, iso, mapActiveTimers, settle } from './sla-timers';
import type { SlaState } from './sla-state';

/**
 * The ticket is resolved at `at`: meets the resolution target and ends the response targets
 * still open (a breach already due is recorded first). No deadline remains afterwards.
 *
 * @throws InvalidSlaArgumentError when `at` is not a valid instant.
 */
export function recordResolution(state: SlaState, at: Date): SlaState {
  assertInstant(at);
  const settled = settle(state, at).state;
  const timers = mapActiveTimers(settled, (t) => ({ ...t, completedAt: iso(at) }));
  return commit(state, { ...settled, timers }, at);
}
