import { isStaff } from '../caller';
import {
  deadlinesOf, isSlaClockRunning, pauseSla, recomputeSla, recordAgentReply, recordCustomerMessage, recordResolution,
  resumeSla, type SlaPolicy, type SlaState, startSla,
} from '../sla';
import { defaultPolicyOf, policyById } from '../sla-policies/policy-cache';
import { isDoneStatus } from '../status-groups';
import type { Deps } from '../store/store';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';

/** The sort key of the sparse upcoming-breaches index: the earliest pending breach, or `none`. */
export function nextBreachOf(state: SlaState | undefined): string {
  const breach = state ? deadlinesOf(state).find((d) => d.stage === 'breach') : undefined;
  return breach ? breach.at.toISOString() : 'none';
}

/**
 * The SLA fields of a new ticket created at a given instant: the clocks started on the org's
 * default policy (the product defaults when it has none). The policy is read first, so the
 * create's retry loop computes them without another await.
 * @throws InvalidSlaCalendarError / NoBusinessHoursError (from the returned function) for a broken stored policy.
 */
export async function slaStarter(deps: Deps, orgId: string, priority: Ticket['priority']) {
  const policy = await defaultPolicyOf(deps, orgId);
  return (at: Date) => {
    const sla = startSla(policy, priority, at);
    return { sla, slaNextBreachAt: nextBreachOf(sla), statusSince: at.toISOString() };
  };
}

/**
 * Carries a ticket change over to its SLA state, on the write path (the caller writes the
 * returned ticket in the same transaction): a public message (an agent's reply meets the
 * response target, a customer's message after a reply starts the next-response one), then a
 * priority change (recompute), then a status change (pause / resume / resolution). Also
 * stamps `statusSince` on a status change. Tickets without SLA state are left as they are.
 * @throws InvalidSlaCalendarError / NoBusinessHoursError for a broken stored policy.
 */
export async function withSla(deps: Deps, current: Ticket, next: Ticket, message?: Message): Promise<Ticket> {
  const at = deps.now();
  const out: Ticket = { ...next };
  if (next.status !== current.status) out.statusSince = at.toISOString();
  const before = current.sla as SlaState | undefined;
  if (!before) return out;
  let state = before;
  let policy: SlaPolicy | undefined;
  const calendar = async () => (policy ??= await policyById(deps, current.orgId, state.policyId)).calendar;

  if (message && !message.internal) {
    if (isStaff({ role: message.authorRole as never })) state = recordAgentReply(state, at);
    else state = recordCustomerMessage(state, await calendar(), at);
  }
  if (next.priority !== current.priority) {
    const cal = await calendar();
    state = recomputeSla(state, cal, { policy: policy!, priority: next.priority }, at);
  }
  if (next.status !== current.status) {
    if (isDoneStatus(next.status)) state = recordResolution(state, at);
    else if (!isSlaClockRunning(next.status)) state = pauseSla(state, at);
    else if (state.pausedSince) state = resumeSla(state, await calendar(), at);
  }
  if (state !== before) {
    out.sla = state;
    out.slaNextBreachAt = nextBreachOf(state);
  }
  return out;
}
