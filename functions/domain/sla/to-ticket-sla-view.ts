import type { TicketSlaView } from '../../../schemas/sla-policies';
import type { SlaState, SlaTimer } from './sla-state';

/**
 * The `sla` block of the ticket view. A due time is shown while its target is unfinished
 * and the clock runs, or once it is breached; null when met, not started or paused.
 * `manualPause` and `policyReason` appear only when there is one.
 * Throws nothing.
 */
export function toTicketSlaView(state: SlaState): TicketSlaView {
  const due = (t: SlaTimer | undefined) => (t && !t.completedAt ? t.dueAt : null);
  return {
    policyId: state.policyId,
    firstResponseDueAt: due(state.timers.firstResponse),
    nextResponseDueAt: due(state.timers.nextResponse),
    resolutionDueAt: due(state.timers.resolution),
    pausedSince: state.pausedSince,
    breached: state.breached.map((b) => ({ ...b })),
    ...(state.policyReason ? { policyReason: state.policyReason } : {}),
    ...(state.manualPause ? { manualPause: { ...state.manualPause } } : {}),
  };
}
