import { describe, expect, it } from 'vitest';
import { STAFF_FALLBACK_NAME, eventForCustomer, forCustomer } from '../../../../functions/domain/tickets/customer-view';
import { signalForCustomer } from '../../../../functions/domain/realtime/fan-out';
import type { TicketDetailView } from '../../../../schemas/tickets';
import type { TicketEvent } from '../../../../schemas/events';

const view = {
  id: 'T1', assigneeId: 'u-agent2', resolution: { text: 'done', by: 'u-agent', at: '2026-01-01T00:00:00Z' },
  messages: [
    { id: 'm1', body: 'hi', internal: false, author: { id: 'u-cust', name: 'Carla', role: 'customer' }, channel: 'web', createdAt: '' },
    { id: 'm2', body: 'on it', internal: false, author: { id: 'u-agent', name: 'Alex', role: 'agent' }, channel: 'web', createdAt: '' },
  ],
  activities: [
    { id: 'a1', type: 'ticket.assigned', actor: { id: 'u-agent', name: 'Alex', role: 'agent' }, changes: { assigneeId: { from: null, to: 'u-agent2' }, status: { from: 'new', to: 'open' } }, createdAt: '' },
    { id: 'a2', type: 'ticket.created', actor: { id: 'u-agent', role: 'agent' }, data: { number: 'TKT-1', assigneeId: 'u-agent2' }, createdAt: '' },
  ],
} as unknown as TicketDetailView;

describe("a customer's view of staff", () => {
  it('has names where staff ids were, and keeps the customer themself', () => {
    const shaped = forCustomer(view, new Map([['u-agent2', 'Bea'], ['u-agent', 'Alex']]));
    expect(JSON.stringify(shaped)).not.toMatch(/u-agent/);
    expect(shaped).toMatchObject({ assigneeId: null, assigneeName: 'Bea', resolution: { by: 'Alex' } });
    expect(shaped.messages.map((m) => m.author)).toEqual([{ id: 'u-cust', name: 'Carla', role: 'customer' }, { name: 'Alex', role: 'agent' }]);
    expect(shaped.activities[0].changes).toEqual({ status: { from: 'new', to: 'open' } });
    expect(shaped.activities[1]).toMatchObject({ actor: { name: STAFF_FALLBACK_NAME, role: 'agent' }, data: { number: 'TKT-1' } });
    expect(forCustomer(view, new Map()).assigneeName).toBe(STAFF_FALLBACK_NAME);
  });

  it('strips staff ids from event frames and room signals', () => {
    const event = {
      type: 'ticket.assigned', actor: { id: 'u-agent', role: 'agent', name: 'Alex' }, changes: { assigneeId: { from: null, to: 'u-agent2' } },
      ticket: { assigneeId: 'u-agent2', number: 'TKT-1' }, data: {},
    } as unknown as TicketEvent;
    expect(JSON.stringify(eventForCustomer(event))).not.toMatch(/u-agent/);
    const typing = signalForCustomer({ type: 'typing', data: { ticketId: 'T1', userId: 'u-agent', name: 'Alex', role: 'agent', state: 'start' } });
    expect(typing.data).toEqual({ ticketId: 'T1', name: 'Alex', role: 'agent', state: 'start' });
    const presence = signalForCustomer({ type: 'presence', data: { ticketId: 'T1', viewers: [{ userId: 'u-agent', role: 'agent', since: '' }, { userId: 'u-cust', role: 'customer', since: '' }] } });
    expect(JSON.stringify(presence)).not.toMatch(/u-agent/);
    expect(JSON.stringify(presence)).toMatch(/u-cust/);
  });
});
