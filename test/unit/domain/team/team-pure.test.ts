import { describe, expect, it } from 'vitest';
import { inScope } from '../../../../functions/domain/team/agent-scope';
import { loadMoves, loadStateOf } from '../../../../functions/domain/team/load-counters';
import { planWatchers } from '../../../../functions/domain/team/watchers';
import { planEscalation } from '../../../../functions/domain/tickets/escalate-ticket';
import type { Ticket } from '../../../../functions/domain/tickets/ticket.entity';

const ticket: Ticket = {
  orgId: 'o', ticketId: 't', number: 'TKT-2026-000001', subject: 's', description: 'd', status: 'open', priority: 'high',
  tags: [], customFields: {}, requesterEmail: 'c@x.io', createdById: 'u1', assigneeId: 'a1', assigneeKey: 'a1', escalationTier: 0,
  escalated: false, channel: 'api', messageCount: 0, noteCount: 0, createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z', version: 3,
};
const now = new Date('2026-01-02T00:00:00Z');

describe('load moves', () => {
  it('counts a ticket on its assignee while it is open, and moves it when either changes', () => {
    expect(loadStateOf({ assigneeId: 'a', status: 'waiting_on_customer' })).toEqual({ agentId: 'a', counted: true });
    expect(loadStateOf({ assigneeId: 'a', status: 'resolved' })).toEqual({ agentId: 'a', counted: false });
    expect(loadStateOf({ assigneeId: null, status: 'new' })).toEqual({ agentId: undefined, counted: false });
    expect(loadMoves(undefined, { agentId: 'a', counted: true })).toEqual({ increment: 'a' });
    expect(loadMoves({ agentId: 'a', counted: true }, { agentId: 'b', counted: true })).toEqual({ decrement: 'a', increment: 'b' });
    expect(loadMoves({ agentId: 'a', counted: true }, { agentId: 'a', counted: false })).toEqual({ decrement: 'a' });
    expect(loadMoves({ agentId: 'a', counted: true }, { agentId: 'a', counted: true })).toEqual({});
    expect(loadMoves({ agentId: 'a', counted: false }, { agentId: 'b', counted: false })).toEqual({});
  });
});

describe('agent scope', () => {
  it('shows an agent what is assigned to or watched by them, and with department scope their departments\' tickets', () => {
    const assigned = { kind: 'assigned' as const, userId: 'me' };
    const dept = { kind: 'department' as const, userId: 'me', departmentIds: ['d1'] };
    expect(inScope(assigned, { assigneeId: 'me' })).toBe(true);
    expect(inScope(assigned, { assigneeId: 'you', watchers: ['me'] })).toBe(true);
    expect(inScope(assigned, { assigneeId: 'you', departmentId: 'd1' })).toBe(false);
    expect(inScope(dept, { assigneeId: null, departmentId: 'd1' })).toBe(true);
    expect(inScope(dept, { assigneeId: null, departmentId: 'd2' })).toBe(false);
    expect(inScope(dept, { assigneeId: null })).toBe(false);
    expect(inScope({ kind: 'all' }, {})).toBe(true);
  });
});

describe('planWatchers', () => {
  it('adds and removes a watcher with one ticket.updated, and does nothing when nothing changes', () => {
    const added = planWatchers(ticket, 'w1', true, now);
    expect(added.next).toMatchObject({ watchers: ['w1'], version: 4 });
    expect(added.events).toEqual([{ type: 'ticket.updated', changes: { watchers: { from: [], to: ['w1'] } }, data: { watcherAdded: 'w1' } }]);
    expect(planWatchers(added.next, 'w1', true, now).events).toEqual([]);
    expect(planWatchers(added.next, 'w1', false, now).next.watchers).toBeUndefined();
  });
});

describe('planEscalation to a department or an agent', () => {
  it('unassigns the ticket into the department, keeping the tier when none is named', () => {
    const plan = planEscalation(ticket, { departmentId: 'd2', reason: 'needs billing' }, now);
    expect(plan.next).toMatchObject({ departmentId: 'd2', assigneeId: undefined, assigneeKey: 'unassigned', escalated: true, escalationTier: 0 });
    expect(plan.events.map((e) => e.type)).toEqual(['ticket.escalated', 'ticket.assigned']);
    expect(plan.events[0]!.data).toEqual({ reason: 'needs billing', departmentId: 'd2' });
  });
  it('hands the ticket to a named agent, checked in the transaction', () => {
    const plan = planEscalation(ticket, { assigneeId: 'expert', tier: 2, reason: 'r' }, now);
    expect(plan.next).toMatchObject({ assigneeId: 'expert', assigneeKey: 'expert', escalationTier: 2 });
    expect(plan.assigneeToCheck).toBe('expert');
  });
});
