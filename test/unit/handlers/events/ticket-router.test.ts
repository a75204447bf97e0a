import { describe, expect, it } from 'vitest';
import { routingRequest } from '../../../../functions/handlers/events/ticket-router';
import type { TicketEvent } from '../../../../schemas/events';

const event = (type: string, over: Partial<TicketEvent> = {}, ticket: Partial<TicketEvent['ticket']> = {}): TicketEvent => ({
  version: '1', id: 'a1', type, occurredAt: '', orgId: 'o', ticketId: 't', actor: { id: 'x', role: 'agent' }, internal: false, ticketVersion: 2,
  data: {},
  ticket: { number: 'n', subject: 's', status: 'open', priority: 'high', assigneeId: null, requesterEmail: 'c@x.io', escalationTier: 0, channel: 'api', updatedAt: '', version: 2, ...ticket },
  ...over,
} as TicketEvent);

describe('which events ask for routing', () => {
  it('a new unassigned ticket, a reopened unassigned one, an escalation to a department', () => {
    expect(routingRequest(event('ticket.created'))).toEqual({});
    expect(routingRequest(event('ticket.created', {}, { assigneeId: 'a' }))).toBeUndefined();
    expect(routingRequest(event('ticket.status.changed', { changes: { status: { from: 'resolved', to: 'open' } } }))).toEqual({});
    expect(routingRequest(event('ticket.status.changed', { changes: { status: { from: 'new', to: 'open' } } }))).toBeUndefined();
    expect(routingRequest(event('ticket.status.changed', { changes: { status: { from: 'resolved', to: 'closed' } } }, { status: 'closed' }))).toBeUndefined();
    expect(routingRequest(event('ticket.escalated', { data: { reason: 'r', departmentId: 'd' } } as never))).toEqual({ target: { departmentId: 'd' } });
    expect(routingRequest(event('ticket.escalated', { data: { reason: 'r' } } as never))).toBeUndefined();
    expect(routingRequest(event('ticket.updated'))).toBeUndefined();
  });
});
