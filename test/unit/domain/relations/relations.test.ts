import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../../functions/domain/caller';
import { IllegalTransitionError, RuleViolationError } from '../../../../functions/domain/errors';
import { copyOf, tally } from '../../../../functions/domain/relations/copy-messages';
import { withLink, withoutLink } from '../../../../functions/domain/relations/links-of';
import type { Message } from '../../../../functions/domain/tickets/message.entity';
import { planTicketUpdate } from '../../../../functions/domain/tickets/plan-ticket-update';
import type { Ticket } from '../../../../functions/domain/tickets/ticket.entity';
import { ticketChangeOf } from '../../../../functions/domain/tickets/ticket-writes';
import { MAX_LINKS } from '../../../../schemas/relations';

const agent: Caller = { orgId: 'o', userId: 'u1', email: 'a@x.io', role: 'agent' };
const now = new Date('2026-02-03T04:05:06.000Z');
const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  orgId: 'o', ticketId: 't1', number: 'TKT-2026-000001', subject: 'S', description: 'D', status: 'open', priority: 'low',
  tags: [], customFields: {}, requesterEmail: 'c@x.io', createdById: 'u1', assigneeKey: 'unassigned', escalationTier: 0,
  escalated: false, channel: 'api', messageCount: 0, noteCount: 0, createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z', version: 4, ...over,
});
const message = (over: Partial<Message> = {}): Message => ({
  orgId: 'o', ticketId: 'SRC', messageId: '01JAAAAAAAAAAAAAAAAAAAAAAA', body: 'b', internal: false, authorId: 'email:c@x.io',
  authorRole: 'customer', channel: 'email', createdAt: '2026-01-02T00:00:00.000Z', ...over,
});

describe('copying messages', () => {
  it('keeps id, author and time, remembers the first ticket, and re-points inline images', () => {
    const html = '<img src="/v1/tickets/SRC/attachments/A1"><a href="/v1/tickets/OTHER/attachments/A2">x</a>';
    const copy = copyOf(message({ html }), 'DST');
    expect(copy).toMatchObject({ ticketId: 'DST', messageId: '01JAAAAAAAAAAAAAAAAAAAAAAA', authorId: 'email:c@x.io', createdAt: '2026-01-02T00:00:00.000Z', copiedFromTicketId: 'SRC' });
    expect(copy.html).toBe('<img src="/v1/tickets/DST/attachments/A1"><a href="/v1/tickets/OTHER/attachments/A2">x</a>');
    // A copy of a copy still names the ticket the message was first written on.
    expect(copyOf(copy, 'THIRD').copiedFromTicketId).toBe('SRC');
  });

  it('counts public messages and notes apart, with the newest public time', () => {
    const counted = [message({ createdAt: '2026-01-03T00:00:00.000Z' }), message({ internal: true, createdAt: '2026-01-09T00:00:00.000Z' }), message()]
      .reduce(tally, { public: 0, internal: 0 });
    expect(counted).toEqual({ public: 2, internal: 1, lastPublicAt: '2026-01-03T00:00:00.000Z' });
  });
});

describe('links on a ticket', () => {
  const other = ticket({ ticketId: 't2', number: 'TKT-2026-000002', subject: 'Other' });
  it('adds, replaces by kind, says when nothing changes or the ticket is full, and removes', () => {
    const linked = withLink(ticket(), other, 'parent', 'now') as never[];
    expect(linked).toEqual([{ ticketId: 't2', number: 'TKT-2026-000002', subject: 'Other', kind: 'parent', at: 'now' }]);
    const withIt = ticket({ links: linked });
    expect(withLink(withIt, other, 'parent', 'later')).toBeUndefined();
    expect(withLink(withIt, other, 'related', 'later')).toEqual([expect.objectContaining({ ticketId: 't2', kind: 'related' })]);
    const full = ticket({ links: Array.from({ length: MAX_LINKS }, (_, i) => ({ ticketId: `x${i}`, number: 'n', subject: 's', kind: 'related', at: 'a' })) });
    expect(withLink(full, other, 'related', 'now')).toBe('full');
    expect(withoutLink(withIt, 't2')).toEqual([]);
  });
});

describe('custom statuses in the status machine', () => {
  it('moves to the category through the machine, one event carrying both changes', () => {
    const plan = planTicketUpdate(ticket(), { customStatusId: 'cs1', customStatusCategory: 'waiting_on_customer' }, agent, now);
    expect(plan.next).toMatchObject({ status: 'waiting_on_customer', customStatusId: 'cs1', version: 5 });
    expect(plan.events).toEqual([expect.objectContaining({
      type: 'ticket.status.changed', changes: { status: { from: 'open', to: 'waiting_on_customer' }, customStatusId: { from: null, to: 'cs1' } },
    })]);
  });

  it('switches between custom statuses of the same category without a status change', () => {
    const plan = planTicketUpdate(ticket({ status: 'in_progress', customStatusId: 'cs1' }), { customStatusId: 'cs2', customStatusCategory: 'in_progress' }, agent, now);
    expect(plan.events).toEqual([{ type: 'ticket.updated', changes: { customStatusId: { from: 'cs1', to: 'cs2' } } }]);
  });

  it('refuses a status other than the category, and moves the machine forbids', () => {
    expect(() => planTicketUpdate(ticket(), { customStatusId: 'cs1', customStatusCategory: 'in_progress', status: 'resolved' }, agent, now)).toThrow(RuleViolationError);
    expect(() => planTicketUpdate(ticket(), { customStatusId: 'cs1', customStatusCategory: 'new' }, agent, now)).toThrow(IllegalTransitionError);
  });

  it('drops the custom status on any write that changes the status without naming one', () => {
    const current = ticket({ status: 'waiting_on_customer', customStatusId: 'cs1' });
    const next = { ...current, status: 'open' as const, version: 5 };
    expect(ticketChangeOf(current, next).remove).toContain('customStatusId');
    expect(next.customStatusId).toBeUndefined();
    const same = { ...current, priority: 'high' as const, version: 5 };
    expect(ticketChangeOf(current, same).remove).not.toContain('customStatusId');
  });
});
