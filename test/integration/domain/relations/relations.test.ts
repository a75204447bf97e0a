import { beforeAll, describe, expect, it } from 'vitest';
import { attachmentDownloadUrl } from '../../../../functions/domain/attachments/download-attachment';
import { storeMailAttachments } from '../../../../functions/domain/mail-channel/store-attachments';
import { copyThread } from '../../../../functions/domain/relations/copy-messages';
import { MergeConflictError } from '../../../../functions/domain/relations/errors';
import { linkTickets, unlinkTickets } from '../../../../functions/domain/relations/link-tickets';
import { mergeTickets } from '../../../../functions/domain/relations/merge-tickets';
import { splitTicket } from '../../../../functions/domain/relations/split-ticket';
import { NotFoundError } from '../../../../functions/domain/errors';
import { createCustomStatus } from '../../../../functions/domain/statuses/manage-statuses';
import type { Deps } from '../../../../functions/domain/store/store';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { getTicketThread } from '../../../../functions/domain/tickets/get-ticket';
import { listTickets } from '../../../../functions/domain/tickets/list-tickets';
import type { Message } from '../../../../functions/domain/tickets/message.entity';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import { ListTicketsQuery } from '../../../../schemas/tickets';
import { integrationDeps, seedOrg } from '../../../support/integration-store';
import { MemoryAttachmentStore } from '../../../support/memory-attachment-store';

describe('merge, split, links and custom statuses against DynamoDB Local', () => {
  let deps: Deps;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  /** Sizes of every transaction written, to check the copy's pages. */
  const transactionSizes: number[] = [];
  const open = (subject = 'Broken', email = 'rita@example.com') =>
    createTicket(deps, org.agent, { subject, description: 'Help', priority: 'high', tags: [], customFields: {}, requester: { email } });
  const messagesOf = async (ticketId: string) =>
    (await deps.store.entities.message.query.byTicket({ orgId: org.orgId, ticketId }).go({ pages: 'all' })).data as Message[];
  const activitiesOf = async (ticketId: string) =>
    (await deps.store.entities.activity.query.byTicket({ orgId: org.orgId, ticketId }).go({ pages: 'all' })).data;

  beforeAll(async () => {
    ({ deps } = await integrationDeps());
    org = await seedOrg(deps);
    const write = deps.store.transaction.write.bind(deps.store.transaction) as (fn: (tx: unknown) => unknown[]) => unknown;
    (deps.store.transaction as { write: unknown }).write = (fn: (tx: unknown) => unknown[]) =>
      write((tx) => {
        const items = fn(tx);
        transactionSizes.push(items.length);
        return items;
      });
  });

  it('copies a 250-message thread in transactions of at most 100 items, then closes the source in one more', async () => {
    const source = await open('Long');
    const at = Date.now();
    const thread: Message[] = Array.from({ length: 250 }, (_, i) => ({
      orgId: org.orgId, ticketId: source.ticketId, messageId: `01J${String(at + i).padStart(13, '0')}${String(i).padStart(10, '0')}`.slice(0, 26),
      body: `m${i}`, internal: i % 5 === 0, authorId: 'email:rita@example.com', authorRole: 'customer', channel: 'email',
      createdAt: new Date(at + i).toISOString(),
    }));
    await deps.store.entities.message.put(thread).go();
    const target = await open('Target', 'tom@example.com');
    transactionSizes.length = 0;
    const merged = await mergeTickets(deps, org.agent, source.ticketId, target.ticketId);
    expect(merged.copiedMessages).toBe(250);
    expect(Math.max(...transactionSizes)).toBeLessThanOrEqual(100);
    expect(transactionSizes.length).toBeGreaterThanOrEqual(4);
    const copies = await messagesOf(target.ticketId);
    expect(copies.map((m) => [m.messageId, m.body, m.createdAt, m.authorId])).toEqual(thread.map((m) => [m.messageId, m.body, m.createdAt, m.authorId]));
    expect(copies.every((m) => m.copiedFromTicketId === source.ticketId)).toBe(true);
    expect(merged.target).toMatchObject({ messageCount: 200, noteCount: 50, participants: ['rita@example.com'], version: 2 });
    const { data: participant } = await deps.store.entities.mailParticipant.get({ orgId: org.orgId, ticketId: target.ticketId, address: 'rita@example.com' }).go();
    expect(participant).not.toBeNull();
  });

  it('completes a merge whose copy ran before a failure, counting each message once; until then the source is untouched', async () => {
    const source = await open('Half merged');
    await addMessage(deps, org.agent, source.ticketId, { body: 'one', internal: false });
    await addMessage(deps, org.agent, source.ticketId, { body: 'note', internal: true });
    const target = await open('Target 2', 'tom@example.com');
    // A first attempt copied the thread, then died before its closing transaction.
    await copyThread(deps, org.orgId, source.ticketId, target.ticketId);
    const half = await getTicketThread(deps, org.agent, source.ticketId);
    expect(half.ticket.status).toBe('open');
    expect(half.ticket.mergedIntoId).toBeUndefined();
    expect((await getTicketThread(deps, org.agent, target.ticketId)).ticket).toMatchObject({ messageCount: 0, noteCount: 0, version: 1 });
    // Meanwhile the customer wrote again on the source.
    await addMessage(deps, { ...org.customer, email: 'rita@example.com' }, source.ticketId, { body: 'two', internal: false });

    const merged = await mergeTickets(deps, org.agent, source.ticketId, target.ticketId);
    expect(merged.target).toMatchObject({ messageCount: 2, noteCount: 1 });
    expect((await messagesOf(target.ticketId)).map((m) => m.body)).toEqual(['one', 'note', 'two']);
    expect(merged.source).toMatchObject({ status: 'closed', mergedIntoId: target.ticketId, mergedIntoNumber: target.number });
    expect((await activitiesOf(source.ticketId)).map((a) => a.type)).toEqual(expect.arrayContaining(['ticket.merged', 'ticket.status.changed', 'ticket.closed']));
    expect((await activitiesOf(target.ticketId)).filter((a) => a.type === 'ticket.merged')).toHaveLength(1);
    await expect(mergeTickets(deps, org.agent, source.ticketId, target.ticketId)).rejects.toBeInstanceOf(MergeConflictError);
  });

  it('shares copied files with the target, so they download from there', async () => {
    const files = new MemoryAttachmentStore();
    const source = await open('With file');
    const stored = await storeMailAttachments(deps, files, { orgId: org.orgId, ticketId: source.ticketId }, [
      { filename: 'a.txt', contentType: 'text/plain', size: 3, content: Buffer.from('abc'), inline: false } as never,
    ]);
    await addMessage(deps, org.agent, source.ticketId, { body: 'file', internal: false }, 'email', { attachments: stored.attachments });
    const target = await open('Gets file', 'tom@example.com');
    const id = stored.attachments[0].id;
    await expect(attachmentDownloadUrl(deps, files, org.agent, target.ticketId, id)).rejects.toBeInstanceOf(NotFoundError);
    await mergeTickets(deps, org.agent, source.ticketId, target.ticketId);
    await expect(attachmentDownloadUrl(deps, files, org.agent, target.ticketId, id)).resolves.toContain('a.txt');
    const other = await open('Unrelated');
    await expect(attachmentDownloadUrl(deps, files, org.agent, other.ticketId, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('splits once however often the same split is retried', async () => {
    const source = await open('Split me');
    const { message } = await addMessage(deps, org.agent, source.ticketId, { body: 'split this', internal: false });
    const first = await splitTicket(deps, org.agent, source.ticketId, { messageIds: [message.messageId] });
    const again = await splitTicket(deps, org.agent, source.ticketId, { messageIds: [message.messageId] });
    expect(again.ticket.ticketId).toBe(first.ticket.ticketId);
    expect(again.ticket.number).toBe(first.ticket.number);
    expect((await getTicketThread(deps, org.agent, source.ticketId)).ticket.links).toHaveLength(1);
    expect((await activitiesOf(source.ticketId)).filter((a) => a.type === 'ticket.split')).toHaveLength(1);
    expect(await messagesOf(first.ticket.ticketId)).toHaveLength(1);
  });

  it('writes both sides of a link with an activity each, and both sides of an unlink', async () => {
    const a = await open('A');
    const b = await open('B');
    const linked = await linkTickets(deps, org.agent, a.ticketId, b.ticketId, 'child');
    expect(linked.ticket.links).toEqual([expect.objectContaining({ ticketId: b.ticketId, kind: 'child' })]);
    expect(linked.other.links).toEqual([expect.objectContaining({ ticketId: a.ticketId, kind: 'parent' })]);
    expect([linked.ticket.version, linked.other.version]).toEqual([2, 2]);
    expect((await activitiesOf(b.ticketId)).map((x) => [x.type, x.data?.kind])).toContainEqual(['ticket.linked', 'parent']);
    await unlinkTickets(deps, org.agent, b.ticketId, a.ticketId);
    expect((await getTicketThread(deps, org.agent, a.ticketId)).ticket.links).toBeUndefined();
    await expect(unlinkTickets(deps, org.agent, b.ticketId, a.ticketId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps a custom status only while the ticket is in its category, and lists by it', async () => {
    const waiting = await createCustomStatus(deps, org.admin, { name: 'Awaiting logs', category: 'waiting_on_customer', active: true });
    const ticket = await createTicket(deps, org.customer, { subject: 'Logs', description: 'x', priority: 'low', tags: [], customFields: {} });
    const set = await updateTicket(deps, org.agent, ticket.ticketId, { customStatusId: waiting.statusId });
    expect(set).toMatchObject({ status: 'waiting_on_customer', customStatusId: waiting.statusId });
    expect((set.sla as { pausedSince?: string }).pausedSince).toBeTruthy();
    const listed = await listTickets(deps, org.agent, ListTicketsQuery.parse({ customStatusId: waiting.statusId }));
    expect(listed.items.map((t) => t.ticketId)).toEqual([ticket.ticketId]);
    const { ticket: replied } = await addMessage(deps, org.customer, ticket.ticketId, { body: 'here', internal: false });
    expect(replied).toMatchObject({ status: 'open', customStatusId: undefined });
    expect((await getTicketThread(deps, org.agent, ticket.ticketId)).ticket.customStatusId).toBeUndefined();
    expect((await listTickets(deps, org.agent, ListTicketsQuery.parse({ customStatusId: waiting.statusId }))).items).toEqual([]);
  });
});
