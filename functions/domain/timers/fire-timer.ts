import type { EventType } from '../../../schemas/events';
import type { Role } from '../../../schemas/users';
import type { Caller } from '../caller';
import { recordReachedDeadlines } from '../sla/record-reached-deadlines';
import type { SlaState } from '../sla/sla-state';
import type { Deps } from '../store/store';
import { activityOf } from '../tickets/activities';
import type { Activity } from '../tickets/activity.entity';
import type { Message } from '../tickets/message.entity';
import { nextBreachOf, withSla } from '../tickets/ticket-sla';
import { saveTicketChange } from '../tickets/ticket-writes';
import type { Ticket } from '../tickets/ticket.entity';
import { type TimerPayload, statusSinceOf } from './plan-timers';
import { messageEventData } from '../tickets/message-event';

export type FireOutcome = { done: true; types: string[] } | { done: false; reason: string };

const MAX_TIER = 3;
const ATTEMPTS = 5;
const systemCaller = (orgId: string): Caller => ({
  orgId, userId: 'system', email: 'system@helpdesk.invalid', name: 'Helpdesk', role: 'system' as Role,
});

export const AUTO_CLOSE_WARNING =
  'We have not heard back from you, so this ticket will be closed automatically in 2 days. Reply to keep it open.';

/**
 * A one-time timer fired: re-reads the ticket and, when the timer still applies, records its
 * effect with the activities in one transaction (SLA warning/breach with escalation, auto-close
 * warning or close, satisfaction survey). A timer for a ticket that is gone, closed, or whose
 * SLA version / status moved on does nothing and says why. Idempotent: a repeated firing finds
 * nothing left to do. Retries when the ticket changes under it.
 */
export async function fireTimer(deps: Deps, payload: TimerPayload): Promise<FireOutcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { data: ticket } = await deps.store.entities.ticket.get({ orgId: payload.orgId, ticketId: payload.ticketId }).go({ consistent: true });
    if (!ticket) return { done: false, reason: 'ticket-gone' };
    const change = await plan(deps, ticket, payload);
    if ('reason' in change) return { done: false, reason: change.reason };
    const outcome = await saveTicketChange(deps, ticket, change.next, change.activities, { message: change.message });
    if (outcome.ok) return { done: true, types: change.activities.map((a) => a.type) };
  }
  return { done: false, reason: 'contended' };
}

type Change = { next: Ticket; activities: Activity[]; message?: Message } | { reason: string };

async function plan(deps: Deps, ticket: Ticket, payload: TimerPayload): Promise<Change> {
  const now = deps.now();
  const at = now.toISOString();
  const actor = systemCaller(ticket.orgId);
  const bump = (t: Ticket): Ticket => ({ ...t, version: ticket.version + 1, updatedAt: at });
  const act = (next: Ticket, type: EventType, extra: Parameters<typeof activityOf>[4] = {}, internal?: boolean) => {
    const activity = activityOf(next, type, actor, deps.newId(), extra);
    return internal === undefined ? activity : { ...activity, internal };
  };

  if (payload.kind === 'sla') {
    if (ticket.status === 'closed' || ticket.status === 'cancelled') return { reason: `ticket-${ticket.status}` };
    const state = ticket.sla as SlaState | undefined;
    if (!state || state.slaVersion !== payload.slaVersion) return { reason: 'sla-version-moved-on' };
    const { state: recorded, reached } = recordReachedDeadlines(state, now);
    if (reached.length === 0) return { reason: 'nothing-due' };
    let next = bump({ ...ticket, sla: recorded, slaNextBreachAt: nextBreachOf(recorded) });
    const breaches = reached.filter((d) => d.stage === 'breach');
    if (breaches.length > 0 && next.escalationTier < MAX_TIER) {
      next = { ...next, escalated: true, escalationTier: next.escalationTier + 1, escalatedAt: at,
        escalationReason: `SLA breached: ${breaches.map((b) => b.kind).join(', ')}` };
    }
    const activities = reached.map((d) =>
      act(next, d.stage === 'warning' ? 'ticket.sla.warning' : 'ticket.sla.breached',
        { data: { target: d.kind, dueAt: d.at.toISOString(), policyId: recorded.policyId, slaVersion: recorded.slaVersion } }, true));
    if (next.escalationTier !== ticket.escalationTier) {
      activities.push(act(next, 'ticket.escalated', {
        changes: { tier: { from: ticket.escalationTier, to: next.escalationTier } },
        data: { reason: next.escalationReason, cause: 'sla-breach' },
      }));
    }
    return { next, activities };
  }

  if (payload.kind === 'auto-close') {
    if (ticket.status !== payload.status || statusSinceOf(ticket) !== payload.since) return { reason: 'status-moved-on' };
    if (payload.stage === 'warning') {
      const next = bump({ ...ticket, messageCount: ticket.messageCount + 1 });
      const message: Message = {
        orgId: ticket.orgId, ticketId: ticket.ticketId, messageId: deps.newId(), body: AUTO_CLOSE_WARNING, internal: false,
        authorId: actor.userId, authorRole: 'system', authorName: actor.name, channel: 'system', createdAt: at,
      };
      return { next, message, activities: [act(next, 'ticket.message.added', { data: messageEventData(message, { reason: 'auto-close-warning' }) })] };
    }
    const closed = bump({ ...ticket, status: 'closed', closedAt: at });
    const next = await withSla(deps, ticket, closed);
    return {
      next,
      activities: [
        act(next, 'ticket.status.changed', { changes: { status: { from: ticket.status, to: 'closed' } }, data: { reason: 'auto-close' } }),
        act(next, 'ticket.closed', { data: { from: ticket.status, reason: 'auto-close' } }),
      ],
    };
  }

  // Automation timers are run by the automations (functions/domain/automations), not here.
  if (payload.kind === 'automation') return { reason: 'automation-timer' };
  if (ticket.status !== 'closed' || ticket.closedAt !== payload.closedAt) return { reason: 'no-longer-closed' };
  if (ticket.surveySentAt) return { reason: 'survey-already-sent' };
  const next = bump({ ...ticket, surveySentAt: at });
  return { next, activities: [act(next, 'ticket.survey.sent', { data: { requesterEmail: ticket.requesterEmail } })] };
}
