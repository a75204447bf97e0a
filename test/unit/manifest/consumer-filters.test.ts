import { describe, expect, it } from 'vitest';
import { contributionOf } from '../../../functions/domain/analytics/contribution';
import { isDoneEvent } from '../../../functions/domain/assist/learn-from-ticket';
import { categoryMoves } from '../../../functions/domain/catalog/count-category-usage';
import { agentNotificationOf } from '../../../functions/domain/mail-channel/notify-agents';
import { notificationKindOf } from '../../../functions/domain/mail-channel/notify-by-mail';
import { DONE_STATUSES, OPEN_STATUSES } from '../../../functions/domain/status-groups';
import { loadMoves, loadStateOf } from '../../../functions/domain/team/load-counters';
import { routingRequest } from '../../../functions/handlers/events/ticket-router';
import { EVENT_RULES, detailMatches, ruleMatches } from '../../../functions/manifest/event-rules';
import { EVENT_TYPES, type TicketEvent } from '../../../schemas/events';
import type { TicketStatus } from '../../../schemas/ticket-enums';

/**
 * A content filter must never keep a consumer asleep for an event it acts on. For each filtered
 * rule, every event of a broad generated set that the consumer's own decision (the domain
 * function its handler calls) would act on must match the rule; and the filter must drop some.
 */
const STATUSES = [...OPEN_STATUSES, ...DONE_STATUSES] as TicketStatus[];
const ROLES = ['admin', 'supervisor', 'agent', 'customer', 'system', 'automation'];
const OCCURRED = '2026-12-01T10:00:00.000Z';

function* events(): Generator<TicketEvent> {
  let n = 0;
  for (const type of EVENT_TYPES) {
    for (const actorRole of ROLES) {
      for (const assigneeId of [null, 'agent-1']) {
        for (const category of [null, 'cat-1']) {
          for (const channel of ['email', 'web']) {
            const base = (status: TicketStatus, over: Partial<TicketEvent>) => ({
              version: '1', id: `e${n++}`, type, occurredAt: OCCURRED, orgId: 'o', ticketId: 't', internal: false, ticketVersion: 3,
              actor: { id: actorRole === 'customer' ? 'cust-1' : 'agent-2', role: actorRole },
              data: {},
              ticket: {
                number: 'n', subject: 's', status, priority: 'high', assigneeId, requesterEmail: 'c@x.io', escalationTier: 0, channel,
                updatedAt: OCCURRED, version: 3, departmentId: null, category,
              },
              ...over,
            }) as unknown as TicketEvent;
            for (const status of STATUSES) yield base(status, {});
            // Each change where the write path puts it (plan-ticket-update.ts, escalate-ticket.ts, add-message.ts).
            if (type === 'ticket.status.changed') {
              for (const from of STATUSES) {
                for (const to of STATUSES) if (from !== to) yield base(to, { changes: { status: { from, to } } });
              }
            }
            for (const authorRole of ROLES) {
              yield base('open', { data: { messageId: 'm', authorRole, message: { id: 'm', body: 'b', authorRole, attachments: [] } } } as never);
              yield base('open', { data: { authorRole, reason: 'auto-close-warning' } } as never);
            }
            for (const change of [{ from: null, to: 'cat-2' }, { from: 'cat-2', to: null }, { from: 'cat-2', to: 'cat-3' }]) {
              if (type === 'ticket.updated') yield base('open', { changes: { category: change } });
            }
            for (const change of [{ from: null, to: 'agent-3' }, { from: 'agent-3', to: null }, { from: 'agent-3', to: 'agent-4' }, { from: 'agent-2', to: 'agent-2' }]) {
              if (type === 'ticket.assigned' || type === 'ticket.escalated') yield base('open', { changes: { assigneeId: change } });
            }
            yield base('open', { data: { reason: 'r', departmentId: 'd-1' } } as never);
            yield base('open', { data: { reason: 'r' } } as never);
            yield base('open', { data: { assigneeId: 'agent-3' } } as never);
            yield base('open', { data: { score: 4 } } as never);
          }
        }
      }
    }
  }
}

/** What each filtered consumer acts on, by its own decision functions. */
const ACTS_ON: Record<string, (event: TicketEvent) => boolean> = {
  'ticket-router': (event) => routingRequest(event) !== undefined,
  'agent-load': (event) => {
    const changes = event.changes ?? {};
    const before = {
      assigneeId: ('assigneeId' in changes ? changes.assigneeId!.from : event.ticket.assigneeId) as string | null,
      status: ('status' in changes ? changes.status!.from : event.ticket.status) as TicketStatus,
    };
    const first = event.type === 'ticket.created' ? undefined : loadStateOf(before);
    return Object.keys(loadMoves(first, loadStateOf(event.ticket))).length > 0;
  },
  'category-usage': (event) => categoryMoves(event).length > 0,
  'assist-learner': (event) => isDoneEvent(event) && Boolean(event.ticket.category),
  'email-notifier': (event) => (event.type === 'ticket.created' && event.ticket.channel === 'web')
    || notificationKindOf(event) !== undefined || agentNotificationOf(event) !== undefined,
  'stats-rollup': (event) => {
    const { facts, backlog } = contributionOf(event, { createdAt: '2026-12-01T09:00:00.000Z', firstResponseAt: OCCURRED });
    return facts.length > 0 || Object.keys(backlog).length > 0;
  },
};

describe('content filters never drop an event their consumer acts on', () => {
  const all = [...events()];

  it.each(Object.keys(ACTS_ON))('%s', (name) => {
    const rule = EVENT_RULES.find((candidate) => candidate.name === name)!;
    expect(rule.detail, `${name} has a content filter`).toBeDefined();
    const actsOn = ACTS_ON[name]!;
    let acted = 0;
    let dropped = 0;
    // Among the events of the rule's detail-types (the others never reached it), as the local pump and EventBridge match.
    for (const event of all.filter((candidate) => ruleMatches(rule, candidate.type))) {
      const woken = detailMatches(rule.detail, event);
      if (actsOn(event)) {
        acted++;
        expect(woken, `${name} must wake for ${JSON.stringify({ type: event.type, changes: event.changes, data: event.data, actor: event.actor })}`).toBe(true);
      } else if (!woken) dropped++;
    }
    expect(acted).toBeGreaterThan(0);
    expect(dropped, `${name}'s filter drops some events of its detail-types`).toBeGreaterThan(0);
  });
});
