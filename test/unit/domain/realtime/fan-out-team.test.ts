import { describe, expect, it } from 'vitest';
import { type ScopeOf, type Subscriber, mayReceive, recipientsOf } from '../../../../functions/domain/realtime/fan-out';
import { LIST_ROOM, ticketRoom, userRoom } from '../../../../functions/domain/realtime/rooms';
import type { TicketEvent } from '../../../../schemas/events';

const ORG = 'org_a';
const event = (ticket: Partial<TicketEvent['ticket']> = {}, over: Partial<TicketEvent> = {}): TicketEvent => ({
  version: '1', id: 'act1', type: 'ticket.updated', occurredAt: '2026-01-01T00:00:00.000Z', orgId: ORG, ticketId: 't1',
  actor: { id: 'x', role: 'agent' }, internal: false, ticketVersion: 2, data: {},
  ticket: {
    number: 'TKT-2026-000001', subject: 's', status: 'open', priority: 'high', assigneeId: 'other', requesterEmail: 'carla@example.com',
    escalationTier: 0, channel: 'api', updatedAt: '2026-01-01T00:00:00.000Z', version: 2, departmentId: null, ...ticket,
  },
  ...over,
} as TicketEvent);
const sub = (over: Partial<Subscriber>): Subscriber => ({
  orgId: ORG, room: LIST_ROOM, connectionId: 'c1', userId: 'me', role: 'agent', email: 'me@example.com', ...over,
});
const assignedOnly: ScopeOf = (userId, role) => (role === 'agent' ? { kind: 'assigned', userId } : { kind: 'all' });

describe('watchers and agent scope in the fan-out', () => {
  it('gives a watcher the events of a watched ticket in their own room, and nothing else there', () => {
    expect(mayReceive(sub({ room: userRoom('me') }), event({ watchers: ['me'] }))).toBe(true);
    expect(mayReceive(sub({ room: userRoom('me') }), event({ watchers: ['you'] }))).toBe(false);
    expect(mayReceive(sub({ room: userRoom('me') }), event())).toBe(false);
    expect(mayReceive(sub({ room: userRoom('me'), role: 'customer' }), event({ watchers: ['me'] }))).toBe(false);
    // Scope does not hide a watched ticket.
    expect(mayReceive(sub({ room: userRoom('me') }), event({ watchers: ['me'] }), assignedOnly)).toBe(true);
  });

  it('hides out-of-scope tickets from agents on the list and in ticket rooms, never from supervisors', () => {
    expect(mayReceive(sub({}), event(), assignedOnly)).toBe(false);
    expect(mayReceive(sub({ room: ticketRoom('t1') }), event(), assignedOnly)).toBe(false);
    expect(mayReceive(sub({}), event({ assigneeId: 'me' }), assignedOnly)).toBe(true);
    expect(mayReceive(sub({ role: 'supervisor' }), event(), assignedOnly)).toBe(true);
    expect(mayReceive(sub({}), event())).toBe(true);
  });

  it('still tells an agent that a ticket left their scope', () => {
    const reassigned = event({ assigneeId: 'other' }, { type: 'ticket.assigned', changes: { assigneeId: { from: 'me', to: 'other' } } } as never);
    expect(mayReceive(sub({}), reassigned, assignedOnly)).toBe(true);
  });

  it('sends each connection one frame even when it is in its own room and the ticket\'s', () => {
    const posts = recipientsOf([sub({ room: ticketRoom('t1') }), sub({ room: userRoom('me') })], event({ watchers: ['me'] }));
    expect(posts).toHaveLength(1);
  });
});

describe('what customers see of team facts', () => {
  it('never the watchers (staff ids) of a ticket, in the snapshot or the changes', async () => {
    const { eventFrame } = await import('../../../../functions/domain/realtime/fan-out');
    const frame = eventFrame(event({ watchers: ['me'] }, { changes: { watchers: { from: [], to: ['me'] } } }), { role: 'customer' });
    expect(frame.data.ticket).not.toHaveProperty('watchers');
    expect(frame.data.changes).toEqual({});
  });
});
