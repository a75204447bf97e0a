import { describe, expect, it } from 'vitest';
import { eventFrame, mayReceive, recipientsOf, signalRecipients, type Subscriber } from '../../../../functions/domain/realtime/fan-out';
import { LIST_ROOM, ticketRoom } from '../../../../functions/domain/realtime/rooms';
import type { TicketEvent } from '../../../../schemas/events';

const ORG = 'org_a';
const event = (over: Partial<TicketEvent> = {}): TicketEvent => ({
  version: '1', id: 'act1', type: 'ticket.message.added', occurredAt: '2026-01-01T00:00:00.000Z', orgId: ORG, ticketId: 't1',
  actor: { id: 'agent1', role: 'agent' }, internal: false, ticketVersion: 2, data: { messageId: 'm1', authorRole: 'agent' },
  ticket: {
    number: 'TKT-2026-000001', subject: 's', status: 'open', priority: 'high', assigneeId: 'agent1', requesterEmail: 'carla@example.com',
    escalationTier: 1, channel: 'api', updatedAt: '2026-01-01T00:00:00.000Z', version: 2,
  },
  ...over,
} as TicketEvent);
const sub = (over: Partial<Subscriber>): Subscriber => ({
  orgId: ORG, room: LIST_ROOM, connectionId: 'c1', userId: 'u1', role: 'agent', email: 'agent@example.com', ...over,
});

describe('who receives a ticket event', () => {
  it('never an agent of another organization, whatever room', () => {
    expect(mayReceive(sub({ orgId: 'org_b' }), event())).toBe(false);
    expect(mayReceive(sub({ orgId: 'org_b', room: ticketRoom('t1') }), event())).toBe(false);
  });

  it('a customer only for tickets they requested, compared without case', () => {
    expect(mayReceive(sub({ role: 'customer', email: 'carla@example.com' }), event())).toBe(true);
    expect(mayReceive(sub({ role: 'customer', email: 'CARLA@example.com ' }), event())).toBe(true);
    expect(mayReceive(sub({ role: 'customer', email: 'someone@example.com' }), event())).toBe(false);
    expect(mayReceive(sub({ role: 'customer', email: 'someone@example.com', room: ticketRoom('t1') }), event())).toBe(false);
  });

  it('a customer never an internal event (notes, escalations), even on their own ticket', () => {
    const customer = sub({ role: 'customer', email: 'carla@example.com', room: ticketRoom('t1') });
    expect(mayReceive(customer, event({ type: 'ticket.note.added', internal: true, data: { messageId: 'm2' } } as never))).toBe(false);
    expect(mayReceive(customer, event({ type: 'ticket.note.added', internal: false } as never))).toBe(false);
    expect(mayReceive(customer, event({ type: 'ticket.escalated', internal: true } as never))).toBe(false);
    expect(mayReceive(customer, event({ internal: true }))).toBe(false);
    expect(mayReceive(sub({ room: ticketRoom('t1') }), event({ type: 'ticket.note.added', internal: true } as never))).toBe(true);
  });

  it('a ticket room member only for that ticket', () => {
    expect(mayReceive(sub({ room: ticketRoom('t1') }), event())).toBe(true);
    expect(mayReceive(sub({ room: ticketRoom('t2') }), event())).toBe(false);
  });

  it('a filtered list when the ticket matches before or after the change', () => {
    expect(mayReceive(sub({ filterStatus: 'open' }), event())).toBe(true);
    expect(mayReceive(sub({ filterStatus: 'new' }), event())).toBe(false);
    expect(mayReceive(sub({ filterStatus: 'new' }), event({ changes: { status: { from: 'new', to: 'open' } } }))).toBe(true);
    expect(mayReceive(sub({ filterAssigneeId: 'agent1' }), event())).toBe(true);
    expect(mayReceive(sub({ filterAssigneeId: 'unassigned' }), event())).toBe(false);
    expect(mayReceive(sub({ filterAssigneeId: 'unassigned' }), event({ changes: { assigneeId: { from: null, to: 'agent1' } } }))).toBe(true);
    expect(mayReceive(sub({ filterAssigneeId: 'unassigned' }), event({ ticket: { ...event().ticket, assigneeId: null } }))).toBe(true);
  });

  it('each connection once, even in the list and the ticket room', () => {
    const recipients = recipientsOf([
      sub({ connectionId: 'c1', room: ticketRoom('t1') }), sub({ connectionId: 'c1' }), sub({ connectionId: 'c2' }),
      sub({ connectionId: 'c3', orgId: 'org_b' }),
    ], event());
    expect(recipients.map((r) => r.connectionId)).toEqual(['c1', 'c2']);
    expect(recipients[0].frame).toEqual({ type: 'ticket.message.added', data: event() });
  });

  it('gives customers the event without the escalation tier', () => {
    const frame = eventFrame(event({ changes: { escalationTier: { from: 0, to: 1 }, status: { from: 'new', to: 'open' } } }), { role: 'customer' });
    expect(frame.data.ticket).not.toHaveProperty('escalationTier');
    expect(frame.data.changes).toEqual({ status: { from: 'new', to: 'open' } });
  });

  it('carries the event id and the ticket version to every role: delivery is at least once, clients drop a seen id', () => {
    const changed = event({ id: 'act7', ticketVersion: 5, ticket: { ...event().ticket, version: 5 } });
    for (const role of ['agent', 'supervisor', 'admin', 'customer']) {
      const frame = eventFrame(changed, { role });
      expect(frame.type).toBe('ticket.message.added');
      expect(frame.data).toMatchObject({ id: 'act7', ticketVersion: 5, ticket: { version: 5 } });
    }
  });
});

describe('who receives a room signal', () => {
  const members = [sub({ connectionId: 'a1' }), sub({ connectionId: 'c1', role: 'customer' }), sub({ connectionId: 'x', orgId: 'org_b' })];
  it('everyone in the room but the sender', () => {
    expect(signalRecipients(members, { orgId: ORG, senderConnectionId: 'a1' })).toEqual(['c1']);
  });
  it('internal signals only staff', () => {
    expect(signalRecipients(members, { orgId: ORG, internal: true })).toEqual(['a1']);
  });
});
