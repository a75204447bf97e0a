import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../../functions/domain/errors';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { createCategory } from '../../../../functions/domain/catalog/manage-categories';
import { getTicketThread } from '../../../../functions/domain/tickets/get-ticket';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { listTickets } from '../../../../functions/domain/tickets/list-tickets';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import type { Deps } from '../../../../functions/domain/store/store';
import { ListTicketsQuery } from '../../../../schemas/tickets';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

describe('listing tickets against DynamoDB Local', () => {
  let deps: Deps;
  let clients: Awaited<ReturnType<typeof integrationDeps>>['clients'];
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let clock = Date.parse('2026-03-01T10:00:00.000Z');
  const query = (q: Record<string, unknown>) => ListTicketsQuery.parse(q);

  beforeAll(async () => {
    ({ deps, clients } = await integrationDeps(() => new Date((clock += 60_000))));
    org = await seedOrg(deps);
    // A ticket's category must name one of the organization's categories.
    for (const id of ['billing', 'tech']) await createCategory(deps, org.admin, { id, name: id });
    for (let i = 0; i < 12; i++) {
      const ticket = await createTicket(deps, org.agent, {
        subject: `T${i}`, description: 'x', priority: i % 3 === 0 ? 'urgent' : 'low', category: i % 2 ? 'billing' : 'tech',
        tags: i % 4 === 0 ? ['vip'] : [], customFields: {},
        requester: { email: i < 4 ? org.customer.email : `someone${i}@example.com` },
      });
      if (i % 2 === 0) await updateTicket(deps, org.agent, ticket.ticketId, { assigneeId: org.agent2.userId, status: 'open' });
    }
  });

  it('pages through everything newest-updated first without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listTickets(deps, org.agent, query({ limit: 5, cursor }));
      seen.push(...page.items.map((t) => t.subject));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(12);
    const first = await listTickets(deps, org.agent, query({ limit: 12 }));
    const times = first.items.map((t) => t.updatedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters by status, assignee, unassigned, requester, priority, tag and category', async () => {
    const subjects = async (q: Record<string, unknown>) =>
      (await listTickets(deps, org.agent, query({ limit: 100, ...q }))).items.map((t) => t.subject).sort();
    expect(await subjects({ status: 'open' })).toEqual(['T0', 'T10', 'T2', 'T4', 'T6', 'T8']);
    expect(await subjects({ assigneeId: org.agent2.userId })).toHaveLength(6);
    expect(await subjects({ assigneeId: 'unassigned' })).toEqual(['T1', 'T11', 'T3', 'T5', 'T7', 'T9']);
    expect(await subjects({ requesterEmail: org.customer.email.toUpperCase() })).toEqual(['T0', 'T1', 'T2', 'T3']);
    expect(await subjects({ priority: 'urgent', status: 'open' })).toEqual(['T0', 'T6']);
    expect(await subjects({ tag: 'vip' })).toEqual(['T0', 'T4', 'T8']);
    expect(await subjects({ category: 'billing', assigneeId: 'unassigned' })).toHaveLength(6);
  });

  it('sorts by creation time and filters ranges', async () => {
    const all = (await listTickets(deps, org.agent, query({ limit: 100, sort: 'createdAt', order: 'asc' }))).items;
    expect(all.map((t) => t.subject)).toEqual(Array.from({ length: 12 }, (_, i) => `T${i}`));
    const window = await listTickets(deps, org.agent, query({ sort: 'createdAt', createdFrom: all[2].createdAt, createdTo: all[4].createdAt, order: 'asc' }));
    expect(window.items.map((t) => t.subject)).toEqual(['T2', 'T3', 'T4']);
    const updatedWindow = await listTickets(deps, org.agent, query({ updatedFrom: all[11].updatedAt }));
    expect(updatedWindow.items.length).toBeGreaterThanOrEqual(1);
  });

  it('merges the status partitions exactly for the whole organization, both ways, with a range, across pages', async () => {
    const pageAll = async (q: Record<string, unknown>) => {
      const ids: string[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await listTickets(deps, org.agent, query({ ...q, cursor }));
        ids.push(...page.items.map((t) => t.ticketId));
        sizes.push(page.items.length);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return { ids, sizes };
    };
    const everything = (await listTickets(deps, org.agent, query({ limit: 100 }))).items;
    // Two statuses at least, so the order really comes from merging partitions.
    expect(new Set(everything.map((t) => t.status)).size).toBeGreaterThan(1);
    const byOrder = [...everything].sort((a, b) => (`${a.updatedAt}${a.ticketId}` < `${b.updatedAt}${b.ticketId}` ? 1 : -1));
    expect(everything.map((t) => t.ticketId)).toEqual(byOrder.map((t) => t.ticketId));

    const desc = await pageAll({ limit: 5 });
    expect(desc.ids).toEqual(byOrder.map((t) => t.ticketId));
    expect(desc.sizes).toEqual([5, 5, everything.length - 10]);
    const asc = await pageAll({ limit: 4, order: 'asc' });
    expect(asc.ids).toEqual([...byOrder].reverse().map((t) => t.ticketId));

    // A range on both sides, paged in twos: the cursor narrows the range, never widens it.
    const [from, to] = [byOrder[8].updatedAt, byOrder[2].updatedAt];
    const inRange = byOrder.filter((t) => t.updatedAt >= from && t.updatedAt <= to).map((t) => t.ticketId);
    expect((await pageAll({ limit: 2, updatedFrom: from, updatedTo: to })).ids).toEqual(inRange);
    expect((await pageAll({ limit: 2, updatedFrom: from, updatedTo: to, order: 'asc' })).ids).toEqual([...inRange].reverse());
    // Filters apply in every partition.
    const urgent = await pageAll({ limit: 1, priority: 'urgent' });
    expect(urgent.ids).toEqual(byOrder.filter((t) => t.priority === 'urgent').map((t) => t.ticketId));
  });

  it('keeps tickets out of an organization-wide update-ordered index (a change moves no fifth entry)', async () => {
    const ticket = (await listTickets(deps, org.agent, query({ limit: 1 }))).items[0];
    const { Item: item } = await clients.document.send(new GetCommand(deps.store.entities.ticket.get({ orgId: org.orgId, ticketId: ticket.ticketId }).params()));
    expect(item!.gsi3pk).toBeDefined();
    expect(item!.gsi1pk).toBeUndefined();
    expect(item!.gsi1sk).toBeUndefined();
  });

  it('takes a ticket stored before out of the retired organization index on its next change', async () => {
    const ticket = (await listTickets(deps, org.agent, query({ limit: 1, status: 'new' }))).items[0];
    const { Key, TableName } = deps.store.entities.ticket.get({ orgId: org.orgId, ticketId: ticket.ticketId }).params();
    // As main wrote tickets before: the org-wide update-ordered entry's keys on the item.
    await clients.document.send(new UpdateCommand({
      TableName, Key, UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
      ExpressionAttributeValues: { ':pk': `$helpdesk#orgid_${org.orgId}`, ':sk': `$ticket_1#updatedat_${ticket.updatedAt}#ticketid_${ticket.ticketId}`.toLowerCase() },
    }));
    const legacy = (await clients.document.send(new GetCommand({ TableName, Key }))).Item!;
    expect(legacy.gsi1pk).toBeDefined();
    // Not part of the view: hidden.
    expect((await listTickets(deps, org.agent, query({ limit: 1, status: 'new' }))).items[0]).not.toHaveProperty('retiredOrgIndexPk');
    await updateTicket(deps, org.agent, ticket.ticketId, { priority: 'high' });
    const after = (await clients.document.send(new GetCommand({ TableName, Key }))).Item!;
    expect(after.priority).toBe('high');
    expect(after.gsi1pk).toBeUndefined();
    expect(after.gsi1sk).toBeUndefined();
  });

  it('paginates filtered results exactly, even when the filter skips items', async () => {
    const first = await listTickets(deps, org.agent, query({ category: 'billing', limit: 4 }));
    expect(first.items).toHaveLength(4);
    const second = await listTickets(deps, org.agent, query({ category: 'billing', limit: 4, cursor: first.nextCursor }));
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });

  it('shows customers only their own tickets, whatever they ask for', async () => {
    const mine = await listTickets(deps, org.customer, query({ limit: 100 }));
    expect(mine.items.map((t) => t.requesterEmail)).toEqual(Array(4).fill(org.customer.email));
    const others = await listTickets(deps, org.customer, query({ requesterEmail: 'someone5@example.com' }));
    expect(others.items).toEqual([]);
  });

  it('refuses cursors that are garbage, from another query, or from another organization', async () => {
    const page = await listTickets(deps, org.agent, query({ limit: 2 }));
    await expect(listTickets(deps, org.agent, query({ cursor: 'bm90LWEtY3Vyc29y' }))).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listTickets(deps, org.agent, query({ limit: 2, status: 'open', cursor: page.nextCursor }))).rejects.toBeInstanceOf(InvalidCursorError);
    const stranger = await seedOrg(deps);
    await expect(listTickets(deps, stranger.agent, query({ limit: 2, cursor: page.nextCursor }))).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('reads a ticket, its newest messages and activities with one GetItem and two bounded Queries, side by side', async () => {
    const ticket = (await listTickets(deps, org.agent, query({ limit: 1 }))).items[0];
    for (let i = 0; i < 5; i++) await addMessage(deps, org.agent, ticket.ticketId, { body: `m${i}`, internal: i === 2 });
    const sent: string[] = [];
    clients.document.middlewareStack.add((next, context) => async (args) => {
      sent.push(context.commandName ?? '?');
      return next(args);
    }, { step: 'initialize', name: 'countCommands' });
    const thread = await getTicketThread(deps, org.agent, ticket.ticketId);
    clients.document.middlewareStack.remove('countCommands');
    // Bounded whatever the thread's length: the detail keeps the newest messages (GET …/messages pages the rest).
    expect([...sent].sort()).toEqual(['GetItemCommand', QueryCommand.name, QueryCommand.name]);
    expect(thread.messages.map((m) => m.body)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(thread.olderMessagesCursor).toBeUndefined();
  });
});
