import { beforeAll, describe, expect, it } from 'vitest';
import {
  ForbiddenError, IllegalTransitionError, NotFoundError, RuleViolationError, VersionConflictError,
} from '../../../../functions/domain/errors';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { bulkUpdateTickets } from '../../../../functions/domain/tickets/bulk-update-tickets';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { escalateTicket } from '../../../../functions/domain/tickets/escalate-ticket';
import { getTicketThread } from '../../../../functions/domain/tickets/get-ticket';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import { toTicketDetailView } from '../../../../functions/domain/tickets/ticket-view';
import type { Deps } from '../../../../functions/domain/store/store';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

describe('changing tickets against DynamoDB Local', () => {
  let deps: Deps;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  const open = (subject = 'Broken') =>
    createTicket(deps, org.customer, { subject, description: 'Help', priority: 'high', tags: ['a'], customFields: {} });
  beforeAll(async () => {
    ({ deps } = await integrationDeps());
    org = await seedOrg(deps);
  });

  it('records status, resolution, who and when, each change with its activity', async () => {
    const ticket = await open();
    await updateTicket(deps, org.agent, ticket.ticketId, { status: 'in_progress' }, 1);
    const resolved = await updateTicket(deps, org.agent, ticket.ticketId, { status: 'resolved', resolution: 'Reset the cache' }, 2);
    expect(resolved).toMatchObject({ status: 'resolved', resolutionText: 'Reset the cache', resolvedById: org.agent.userId, version: 3 });
    const thread = await getTicketThread(deps, org.agent, ticket.ticketId);
    expect(thread.activities.map((a) => a.type)).toEqual(['ticket.created', 'ticket.status.changed', 'ticket.status.changed']);
    expect(thread.activities[2].changes).toEqual({ status: { from: 'in_progress', to: 'resolved' } });
  });

  it('refuses an illegal transition with the allowed ones, writing nothing', async () => {
    const ticket = await open();
    await updateTicket(deps, org.agent, ticket.ticketId, { status: 'cancelled' }, 1);
    const error = await updateTicket(deps, org.agent, ticket.ticketId, { status: 'resolved', resolution: 'x' }, 2).catch((e) => e);
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error.extensions).toMatchObject({ from: 'cancelled', to: 'resolved', allowed: [] });
    const thread = await getTicketThread(deps, org.agent, ticket.ticketId);
    expect(thread.ticket.version).toBe(2);
    expect(thread.activities).toHaveLength(2);
  });

  it('lets a supervisor reopen a closed ticket but not an agent', async () => {
    const ticket = await open();
    await updateTicket(deps, org.agent, ticket.ticketId, { status: 'closed' }, 1);
    await expect(updateTicket(deps, org.agent, ticket.ticketId, { status: 'open' })).rejects.toBeInstanceOf(IllegalTransitionError);
    const reopened = await updateTicket(deps, org.supervisor, ticket.ticketId, { status: 'open' });
    expect(reopened).toMatchObject({ status: 'open', closedAt: undefined });
  });

  it('rejects a stale version and leaves ticket and activities as they were', async () => {
    const ticket = await open();
    await updateTicket(deps, org.agent, ticket.ticketId, { priority: 'low' }, 1);
    await expect(updateTicket(deps, org.agent2, ticket.ticketId, { priority: 'urgent' }, 1)).rejects.toBeInstanceOf(VersionConflictError);
    const thread = await getTicketThread(deps, org.agent, ticket.ticketId);
    expect(thread.ticket).toMatchObject({ priority: 'low', version: 2 });
    expect(thread.activities).toHaveLength(2);
  });

  it('assigns only to active staff of the same organization, atomically', async () => {
    const ticket = await open();
    const stranger = await seedOrg(deps);
    await expect(updateTicket(deps, org.agent, ticket.ticketId, { assigneeId: stranger.agent.userId }, 1)).rejects.toBeInstanceOf(RuleViolationError);
    await expect(updateTicket(deps, org.agent, ticket.ticketId, { assigneeId: org.customer.userId, subject: 'Renamed' }, 1)).rejects.toBeInstanceOf(RuleViolationError);
    expect((await getTicketThread(deps, org.agent, ticket.ticketId)).ticket).toMatchObject({ subject: 'Broken', version: 1 });
    const assigned = await updateTicket(deps, org.agent, ticket.ticketId, { assigneeId: org.agent2.userId }, 1);
    expect(assigned).toMatchObject({ assigneeId: org.agent2.userId, assigneeKey: org.agent2.userId });
    const unassigned = await updateTicket(deps, org.agent, ticket.ticketId, { assigneeId: null }, 2);
    expect(unassigned).toMatchObject({ assigneeId: undefined, assigneeKey: 'unassigned' });
  });

  it('escalates by tier with a reason, never a status, and hides it from the customer', async () => {
    const ticket = await open();
    const escalated = await escalateTicket(deps, org.agent, ticket.ticketId, { tier: 2, reason: 'VIP' });
    expect(escalated).toMatchObject({ status: 'new', escalated: true, escalationTier: 2 });
    await expect(escalateTicket(deps, org.agent, ticket.ticketId, { tier: 1, reason: 'lower' })).rejects.toBeInstanceOf(RuleViolationError);
    const view = toTicketDetailView(await getTicketThread(deps, org.customer, ticket.ticketId), org.customer);
    expect(view.escalation.escalated).toBe(false);
    expect(view.activities.map((a) => a.type)).toEqual(['ticket.created']);
  });

  it('sets firstResponseAt on the first public staff reply and keeps notes from customers', async () => {
    const ticket = await open();
    await addMessage(deps, org.agent, ticket.ticketId, { body: 'internal thought', internal: true });
    const afterNote = (await getTicketThread(deps, org.agent, ticket.ticketId)).ticket;
    expect(afterNote.firstResponseAt).toBeUndefined();
    const { ticket: replied } = await addMessage(deps, org.agent, ticket.ticketId, { body: 'Hello!', internal: false });
    expect(replied.firstResponseAt).toBeDefined();
    expect(replied.status).toBe('open');
    await expect(addMessage(deps, org.customer, ticket.ticketId, { body: 'sneaky', internal: true })).rejects.toBeInstanceOf(ForbiddenError);
    const view = toTicketDetailView(await getTicketThread(deps, org.customer, ticket.ticketId), org.customer);
    expect(view.messages.map((m) => m.body)).toEqual(['Hello!']);
    expect(view.activities.some((a) => a.type === 'ticket.note.added')).toBe(false);
    expect(view.noteCount).toBeUndefined();
  });

  it('reopens a ticket waiting on the customer when the customer writes', async () => {
    const ticket = await open();
    await updateTicket(deps, org.agent, ticket.ticketId, { status: 'waiting_on_customer' }, 1);
    const { ticket: after } = await addMessage(deps, org.customer, ticket.ticketId, { body: 'Here is the log', internal: false });
    expect(after.status).toBe('open');
  });

  it('lets parallel replies all land (no If-Match means "on the latest")', async () => {
    const ticket = await open();
    await Promise.all(Array.from({ length: 10 }, (_, i) => addMessage(deps, org.agent, ticket.ticketId, { body: `r${i}`, internal: false })));
    const thread = await getTicketThread(deps, org.agent, ticket.ticketId);
    expect(thread.messages).toHaveLength(10);
    expect(thread.ticket.messageCount).toBe(10);
  });

  it('hides other customers\' and other organizations\' tickets as not found', async () => {
    const ticket = await open();
    const stranger = await seedOrg(deps);
    await expect(getTicketThread(deps, stranger.agent, ticket.ticketId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateTicket(deps, stranger.admin, ticket.ticketId, { priority: 'low' })).rejects.toBeInstanceOf(NotFoundError);
    const otherCustomer = { ...org.customer, userId: 'x', email: 'other@customer.test' };
    await expect(getTicketThread(deps, otherCustomer, ticket.ticketId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('bulk-updates each ticket on its own and reports every outcome', async () => {
    const a = await open('bulk a');
    const b = await open('bulk b');
    await updateTicket(deps, org.agent, b.ticketId, { status: 'cancelled' });
    const outcomes = await bulkUpdateTickets(deps, org.agent, {
      ticketIds: [a.ticketId, b.ticketId, 'missing'],
      changes: { status: 'in_progress', priority: 'urgent', addTags: ['vip'], removeTags: ['a'] },
    });
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false]);
    expect(outcomes[0]).toMatchObject({ ticket: { status: 'in_progress', priority: 'urgent', tags: ['vip'] } });
    expect(outcomes[1]).toMatchObject({ error: { code: 'illegal-transition' } });
    expect(outcomes[2]).toMatchObject({ error: { code: 'not-found' } });
  });
});
