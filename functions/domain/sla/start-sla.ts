import type { SlaPriority } from '../../../schemas/sla-policies';
import { armTimer, assertInstant, newTimer, settle } from './sla-timers';
import type { SlaPolicy, SlaState } from './sla-state';

/**
 * Starts the first-response and resolution clocks of a new ticket at `createdAt`, on the
 * policy's calendar (a ticket created outside business hours starts counting at the next
 * opening). The next-response clock starts later, see recordCustomerMessage. `slaVersion` is 1.
 *
 * @throws InvalidSlaArgumentError when `createdAt` is invalid.
 * @throws InvalidSlaCalendarError or NoBusinessHoursError for an unusable calendar.
 */
export function startSla(policy: SlaPolicy, priority: SlaPriority, createdAt: Date): SlaState {
  assertInstant(createdAt);
  const targets = { ...policy.targets[priority] };
  const run = (minutes: number) => armTimer(newTimer(minutes, createdAt), policy.calendar, createdAt, 0);
  const state: SlaState = {
    policyId: policy.id,
    priority,
    targets,
    pausedSince: null,
    timers: { firstResponse: run(targets.firstResponseMinutes), resolution: run(targets.resolutionMinutes) },
    breached: [],
    slaVersion: 1,
  };
  return settle(state, createdAt).state;
}
