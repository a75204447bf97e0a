import { assertInstant, settle } from './sla-timers';
import type { SlaDeadline, SlaState } from './sla-state';

/**
 * For the SLA timer handler: records the warnings and breaches due by `at` and returns them,
 * to publish `ticket.sla.warning` / `ticket.sla.breached`. Idempotent: a late or repeated
 * firing finds nothing left to record. Does not change `slaVersion`.
 *
 * @throws InvalidSlaArgumentError when `at` is not a valid instant.
 */
export function recordReachedDeadlines(state: SlaState, at: Date): { state: SlaState; reached: SlaDeadline[] } {
  assertInstant(at);
  return settle(state, at);
}
