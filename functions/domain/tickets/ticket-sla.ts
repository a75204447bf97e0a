import { type Caller, isStaff } from '../caller';
import {
  deadlinesOf, isSlaClockRunning, pauseSla, recomputeSla, recordAgentReply, recordCustomerMessage, recordResolution,
  resumeSla, type SlaPolicy, type SlaState, startSla,
} from '../sla';
import type { SlaPolicyFacts } from '../sla-policies/match-sla-policy';
import { isConditionalPolicy, policyById, policyForTicket } from '../sla-policies/policy-cache';
import { isDoneStatus } from '../status-groups';
import type { Deps } from '../store/store';
import { activityOf } from './activities';
import type { Activity } from './activity.entity';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';

/** The sort key of the sparse upcoming-breaches index: the earliest pending breach, or `none`. */
export function nextBreachOf(state: SlaState | undefined): string {
  const breach = state ? deadlinesOf(state).find((d) => d.stage === 'breach') : undefined;
  return breach ? breach.at.toISOString() : 'none';
}

/**
 * The SLA fields of a new ticket created at a given instant: the clocks started on the first
 * enabled policy whose conditions match the ticket (category, priority, channel, requester
 * domain), else the org's default (the product defaults when it has none). The policies are
 * read first, so the create's retry loop computes them without another await.
 * @throws InvalidSlaCalendarError / NoBusinessHoursError (from the returned function) for a broken stored policy.
 */
export async function slaStarter(deps: Deps, orgId: string, facts: SlaPolicyFacts & { priority: Ticket['priority'] }) {
  const { policy, reason } = await policyForTicket(deps, orgId, facts);
  return (at: Date) => {
    const sla: SlaState = { ...startSla(policy, facts.priority, at), policyReason: reason };
    return { sla, slaNextBreachAt: nextBreachOf(sla), statusSince: at.toISOString() };
  };
}

/** The ticket fields policy conditions look at. */
const factsOf = (t: Ticket): SlaPolicyFacts => ({
  priority: t.priority, category: t.category ?? null, channel: t.channel, requesterEmail: t.requesterEmail,
});
const factsKey = (t: Ticket) => JSON.stringify(factsOf(t));

/**
 * Carries a ticket change over to its SLA state, on the write path (the caller writes the
 * returned ticket in the same transaction): a public message (an agent's reply meets the
 * response target, a customer's message after a reply starts the next-response one), then a
 * change of a field policy conditions look at (priority, category, channel, requester): the
 * policy is chosen again and, when it differs, the targets and calendar switch to it; a
 * priority change alone recomputes on the current policy; then a status change (pause / resume /
 * resolution; a clock staff hold is not resumed by a status). Also stamps `statusSince` on a
 * status change. Tickets without SLA state are left as they are.
 * A ticket on a policy without conditions (the default, or a former default) keeps it unless a
 * conditional policy now matches, so moving the default flag still recomputes nobody.
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
  const factsChanged = factsKey(next) !== factsKey(current);
  let switched = false;
  if (factsChanged && !isDoneStatus(next.status)) {
    const chosen = await policyForTicket(deps, current.orgId, factsOf(next));
    const leaves = chosen.policy.id !== state.policyId
      && (chosen.reason.kind === 'conditions' || (await isConditionalPolicy(deps, current.orgId, state.policyId)) || state.policyReason?.kind === 'conditions');
    if (leaves) {
      const cal = await calendar();
      state = { ...recomputeSla(state, cal, { policy: chosen.policy, priority: next.priority }, at), policyReason: chosen.reason };
      policy = chosen.policy;
      switched = true;
    }
  }
  if (!switched && next.priority !== current.priority) {
    const cal = await calendar();
    state = recomputeSla(state, cal, { policy: policy!, priority: next.priority }, at);
  }
  if (next.status !== current.status) {
    if (isDoneStatus(next.status)) state = recordResolution(state, at);
    else if (!isSlaClockRunning(next.status)) state = pauseSla(state, at);
    else if (state.pausedSince && !state.manualPause) state = resumeSla(state, await calendar(), at);
  }
  if (state !== before) {
    out.sla = state;
    out.slaNextBreachAt = nextBreachOf(state);
  }
  return out;
}

/**
 * The activity of a policy switch made by withSla (none when the policy stayed): a
 * `ticket.updated` for staff only, naming the old and new policy and why (the conditions
 * matched, or the default once the old policy's conditions no longer held).
 */
export function slaPolicyActivities(deps: Pick<Deps, 'newId'>, current: Ticket, next: Ticket, actor: Caller): Activity[] {
  const from = (current.sla as SlaState | undefined)?.policyId;
  const to = next.sla as SlaState | undefined;
  if (!from || !to || from === to.policyId) return [];
  const activity = activityOf(next, 'ticket.updated', actor, deps.newId(), {
    changes: { slaPolicyId: { from, to: to.policyId } },
    data: {
      reason: to.policyReason?.kind === 'conditions' ? 'sla-policy-conditions-matched' : 'sla-policy-conditions-no-longer-match',
      ...(to.policyReason?.kind === 'conditions' ? { matched: to.policyReason.matched } : {}),
      slaVersion: to.slaVersion,
    },
  });
  return [{ ...activity, internal: true }];
}
