import { assertInstant, commit, iso, settle } from './sla-timers';
import type { SlaState, SlaTimer } from './sla-state';

/**
 * An agent's public reply at `at`: meets the pending first-response target, or the pending
 * next-response target after a later customer message. A reply after a due time first
 * records that breach. Internal notes are not replies; do not call this for them.
 *
 * @throws InvalidSlaArgumentError when `at` is not a valid instant.
 */
export function recordAgentReply(state: SlaState, at: Date): SlaState {
  assertInstant(at);
  const settled = settle(state, at).state;
  const done = (t: SlaTimer | undefined) => (t && !t.completedAt ? { ...t, completedAt: iso(at) } : t);
  const timers: SlaState['timers'] = { ...settled.timers };
  const firstResponse = done(timers.firstResponse);
  const nextResponse = done(timers.nextResponse);
  if (firstResponse) timers.firstResponse = firstResponse;
  if (nextResponse) timers.nextResponse = nextResponse;
  return commit(state, { ...settled, timers }, at);
}

/** The name for {@link recordAgentReply}: the first reply meets the first-response target. */
export const recordFirstResponse = recordAgentReply;
