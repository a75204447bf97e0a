import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../../functions/domain/caller';
import { IllegalTransitionError, RuleViolationError } from '../../../../functions/domain/errors';
import { formatTicketNumber } from '../../../../functions/domain/tickets/numbering';
import { planTicketUpdate } from '../../../../functions/domain/tickets/plan-ticket-update';
import { planEscalation } from '../../../../functions/domain/tickets/escalate-ticket';
import type { Ticket } from '../../../../functions/domain/tickets/ticket.entity';

const agent: Caller = { orgId: 'o', userId: 'u1', email: 'a@x.io', role: 'agent' };
const now = new Date('2026-02-03T04:05:06.000Z');
const ticket: Ticket = {
  orgId: 'o', ticketId: 't', number: 'TKT-2026-000001', subject: 'S', description: 'D', status: 'open', priority: 'low',
  tags: ['a'], customFields: {}, requesterEmail: 'c@x.io', createdById: 'u1', assigneeKey: 'unassigned', escalationTier: 0,
  escalated: false, channel: 'api', messageCount: 0, noteCount: 0, createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z', version: 4,
};

describe('planning a ticket change', () => {
  it('formats numbers per year with six digits and more when needed', () => {
    expect(formatTicketNumber(2026, 123)).toBe('TKT-2026-000123');
    expect(formatTicketNumber(2027, 1_234_567)).toBe('TKT-2027-1234567');
  });

  it('records only real changes, bumping the version once', () => {
    const plan = planTicketUpdate(ticket, { subject: 'S', priority: 'high', tags: ['a', 'b', 'b'] }, agent, now);
    expect(plan.events).toEqual([{ type: 'ticket.updated', changes: { priority: { from: 'low', to: 'high' }, tags: { from: ['a'], to: ['a', 'b'] } } }]);
    expect(plan.next).toMatchObject({ version: 5, updatedAt: now.toISOString(), tags: ['a', 'b'] });
  });

  it('refuses more than 20 tags, e.g. after a bulk add', () => {
    const tags = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(() => planTicketUpdate(ticket, { tags }, agent, now)).toThrow(RuleViolationError);
  });

  it('is a no-op when nothing differs', () => {
    const plan = planTicketUpdate(ticket, { subject: 'S', status: 'open' }, agent, now);
    expect(plan.events).toEqual([]);
    expect(plan.next.version).toBe(4);
  });

  it('needs a resolution to resolve, and records who and when', () => {
    expect(() => planTicketUpdate(ticket, { status: 'resolved' }, agent, now)).toThrow(RuleViolationError);
    const plan = planTicketUpdate(ticket, { status: 'resolved', resolution: 'Fixed' }, agent, now);
    expect(plan.next).toMatchObject({ status: 'resolved', resolutionText: 'Fixed', resolvedById: 'u1', resolvedAt: now.toISOString() });
  });

  it('emits status.changed and closed when closing, and clears resolution on reopen', () => {
    const resolved = { ...ticket, status: 'resolved' as const, resolutionText: 'x', resolvedAt: 'y', resolvedById: 'u1' };
    expect(planTicketUpdate(resolved, { status: 'closed' }, agent, now).events.map((e) => e.type)).toEqual(['ticket.status.changed', 'ticket.closed']);
    const reopened = planTicketUpdate(resolved, { status: 'open' }, agent, now);
    expect(reopened.next).toMatchObject({ status: 'open', resolutionText: undefined, resolvedAt: undefined });
    expect(reopened.events[0].data).toEqual({ reopened: true });
  });

  it('throws an illegal transition listing the allowed statuses', () => {
    const error = (() => { try { planTicketUpdate(ticket, { status: 'new' }, agent, now); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).extensions.allowed).toContain('in_progress');
  });

  it('plans assignment with the membership check and unassignment to the unassigned queue', () => {
    const assign = planTicketUpdate(ticket, { assigneeId: 'u2' }, agent, now);
    expect(assign).toMatchObject({ assigneeToCheck: 'u2', next: { assigneeKey: 'u2' } });
    const unassign = planTicketUpdate({ ...ticket, assigneeId: 'u2', assigneeKey: 'u2' }, { assigneeId: null }, agent, now);
    expect(unassign).toMatchObject({ assigneeToCheck: undefined, next: { assigneeKey: 'unassigned', assigneeId: undefined } });
  });

  it('escalates upward only, and never a closed ticket', () => {
    expect(planEscalation(ticket, { tier: 1, reason: 'r' }, now).next).toMatchObject({ escalated: true, escalationTier: 1, status: 'open' });
    expect(() => planEscalation({ ...ticket, escalated: true, escalationTier: 2 }, { tier: 2, reason: 'r' }, now)).toThrow(RuleViolationError);
    expect(() => planEscalation({ ...ticket, status: 'closed' }, { tier: 1, reason: 'r' }, now)).toThrow(RuleViolationError);
  });
});
