import { describe, expect, it } from 'vitest';
import {
  isInternalEventType, maySeeEntry, maySeeTicket, visibleChanges, visibleSnapshot,
} from '../../../../functions/domain/tickets/customer-visibility';
import type { TicketSnapshot } from '../../../../schemas/events';

const customer = { orgId: 'org_a', role: 'customer', email: ' Carla@Example.com' };
const agent = { orgId: 'org_a', role: 'agent', email: 'agent@helpdesk.test' };
const ticket = { orgId: 'org_a', requesterEmail: 'carla@example.com' };

describe('customer visibility', () => {
  it('shows a customer only the tickets they requested, staff every ticket of their org, nobody another org\'s', () => {
    expect(maySeeTicket(customer, ticket)).toBe(true);
    expect(maySeeTicket(customer, { ...ticket, requesterEmail: 'other@example.com' })).toBe(false);
    expect(maySeeTicket(agent, { ...ticket, requesterEmail: 'other@example.com' })).toBe(true);
    expect(maySeeTicket({ ...agent, orgId: 'org_b' }, ticket)).toBe(false);
  });

  it('hides internal entries and internal event types from customers only', () => {
    expect(maySeeEntry(customer, { internal: true })).toBe(false);
    expect(maySeeEntry(customer, { internal: false, type: 'ticket.note.added' })).toBe(false);
    expect(maySeeEntry(customer, { internal: false, type: 'ticket.escalated' })).toBe(false);
    expect(maySeeEntry(customer, { internal: false, type: 'ticket.message.added' })).toBe(true);
    expect(maySeeEntry(customer, { internal: false })).toBe(true);
    expect(maySeeEntry(agent, { internal: true, type: 'ticket.note.added' })).toBe(true);
    expect(maySeeEntry({ role: 'system' }, { internal: true })).toBe(false);
    expect(isInternalEventType('ticket.note.added')).toBe(true);
    expect(isInternalEventType('ticket.created')).toBe(false);
  });

  it('drops staff-only fields from changes and snapshots for customers, keeps them for staff', () => {
    const changes = { escalationTier: { from: 0, to: 1 }, status: { from: 'new', to: 'open' } };
    expect(visibleChanges(customer, changes)).toEqual({ status: { from: 'new', to: 'open' } });
    expect(visibleChanges(agent, changes)).toBe(changes);
    const snapshot = { number: 'T-1', subject: 's', status: 'open', escalationTier: 2, requesterEmail: 'carla@example.com' } as unknown as TicketSnapshot;
    expect(visibleSnapshot(customer, snapshot)).not.toHaveProperty('escalationTier');
    expect(visibleSnapshot(agent, snapshot)).toHaveProperty('escalationTier', 2);
  });
});
