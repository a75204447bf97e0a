import { beforeAll, describe, expect, it } from 'vitest';
import { createUploadSlot } from '../../../../functions/domain/attachments/create-upload-slot';
import { attachmentDownloadUrl } from '../../../../functions/domain/attachments/download-attachment';
import { AttachmentRefusedError, TooManyTicketsError } from '../../../../functions/domain/attachments/errors';
import { uploadKeyOf } from '../../../../functions/domain/attachments/object-keys';
import { ForbiddenError, IllegalTransitionError, NotFoundError } from '../../../../functions/domain/errors';
import type { Deps } from '../../../../functions/domain/store/store';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { closeTicketAsRequester } from '../../../../functions/domain/tickets/close-ticket';
import { getTicketThread } from '../../../../functions/domain/tickets/get-ticket';
import { listMessages } from '../../../../functions/domain/tickets/list-messages';
import { openTicket } from '../../../../functions/domain/tickets/open-ticket';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import { integrationDeps, seedOrg } from '../../../support/integration-store';
import { MemoryAttachmentStore } from '../../../support/memory-attachment-store';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(100, 1)]);

describe('attachments, thread pages, close and the create quota against DynamoDB Local', () => {
  let deps: Deps;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let other: Awaited<ReturnType<typeof seedOrg>>;
  const files = new MemoryAttachmentStore();
  const ticketFields = { subject: 'Broken', description: 'Help', priority: 'high' as const, tags: [], customFields: {} };
  const open = () => openTicket(deps, org.customer, ticketFields);
  beforeAll(async () => {
    ({ deps } = await integrationDeps());
    org = await seedOrg(deps);
    other = await seedOrg(deps);
  });

  async function uploaded(caller = org.customer, ticketId: string | undefined, body = PNG, declared = 'image/png', filename = 'shot.png') {
    const slot = await createUploadSlot(deps, files, caller, ticketId, { filename, contentType: declared, size: body.length });
    files.upload(uploadKeyOf(caller.orgId, slot.attachmentId), body, declared);
    return slot.attachmentId;
  }

  it('attaches an uploaded file in the message\'s transaction, once, and serves it to who may see the message', async () => {
    const ticket = await open();
    const id = await uploaded(org.customer, ticket.ticketId);
    const { message, ticket: after } = await addMessage(deps, org.customer, ticket.ticketId, { body: 'Screenshot', internal: false, attachmentIds: [id] }, 'api', {}, { attachments: files });
    expect(message.attachments).toEqual([{ id, filename: 'shot.png', contentType: 'image/png', size: PNG.length }]);
    expect(after.version).toBe(2);
    const { data: record } = await deps.store.entities.attachment.get({ orgId: org.orgId, attachmentId: id }).go();
    expect(record).toMatchObject({ state: 'attached', messageId: message.messageId, internal: false, objectKey: `tickets/${org.orgId}/${ticket.ticketId}/${id}` });
    expect(record?.ttl).toBeUndefined();
    expect(files.objects.has(uploadKeyOf(org.orgId, id))).toBe(false);
    await expect(attachmentDownloadUrl(deps, files, org.agent, ticket.ticketId, id)).resolves.toContain(record!.objectKey);
    await expect(attachmentDownloadUrl(deps, files, org.customer, ticket.ticketId, id)).resolves.toContain('shot.png');
    // the same slot again, another ticket's id, another organization: 404
    await expect(addMessage(deps, org.customer, ticket.ticketId, { body: 'Again', internal: false, attachmentIds: [id] }, 'api', {}, { attachments: files }))
      .rejects.toBeInstanceOf(NotFoundError);
    const second = await open();
    await expect(attachmentDownloadUrl(deps, files, org.agent, second.ticketId, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(attachmentDownloadUrl(deps, files, other.agent, ticket.ticketId, id)).rejects.toBeInstanceOf(NotFoundError);
    const foreign = await uploaded(org.customer, second.ticketId);
    await expect(addMessage(deps, org.customer, ticket.ticketId, { body: 'x', internal: false, attachmentIds: [foreign] }, 'api', {}, { attachments: files }))
      .rejects.toBeInstanceOf(NotFoundError);
    expect((await getTicketThread(deps, org.agent, ticket.ticketId)).ticket.messageCount).toBe(1);
  });

  it('hides an internal note\'s file from the customer', async () => {
    const ticket = await open();
    const id = await uploaded(org.agent, ticket.ticketId);
    await addMessage(deps, org.agent, ticket.ticketId, { body: 'Log', internal: true, attachmentIds: [id] }, 'api', {}, { attachments: files });
    await expect(attachmentDownloadUrl(deps, files, org.agent, ticket.ticketId, id)).resolves.toBeTruthy();
    await expect(attachmentDownloadUrl(deps, files, org.customer, ticket.ticketId, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses at the slot: over the organization limit, executables by name and by type', async () => {
    const ticket = await open();
    const slot = (filename: string, contentType: string, size = 10) => createUploadSlot(deps, files, org.customer, ticket.ticketId, { filename, contentType, size });
    await expect(slot('big.pdf', 'application/pdf', 25 * 1024 * 1024 + 1)).rejects.toMatchObject({ extensions: { reason: 'too-large', errors: [{ pointer: '#/size' }] } });
    await expect(slot('setup.exe', 'application/octet-stream')).rejects.toMatchObject({ extensions: { reason: 'executable', errors: [{ pointer: '#/filename' }] } });
    await expect(slot('notes.txt', 'application/x-sh')).rejects.toMatchObject({ extensions: { errors: [{ pointer: '#/contentType' }] } });
    await deps.store.entities.organization.create({ orgId: org.orgId, name: 'x', settings: { limits: { attachmentMaxBytes: 50 } }, createdAt: new Date().toISOString() }).go();
    await expect(slot('small.pdf', 'application/pdf', 51)).rejects.toBeInstanceOf(AttachmentRefusedError);
    await deps.store.entities.organization.delete({ orgId: org.orgId }).go();
    await expect(createUploadSlot(deps, files, other.customer, ticket.ticketId, { filename: 'a.png', contentType: 'image/png', size: 3 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses at attach: nothing uploaded, content of another type, a program in disguise; nothing is written', async () => {
    const ticket = await open();
    const missing = (await createUploadSlot(deps, files, org.customer, ticket.ticketId, { filename: 'a.png', contentType: 'image/png', size: 3 })).attachmentId;
    const mismatch = await uploaded(org.customer, ticket.ticketId, Buffer.from('%PDF-1.4 hello'), 'image/png', 'fake.png');
    const program = await uploaded(org.customer, ticket.ticketId, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]), 'application/pdf', 'invoice.pdf');
    const write = (id: string) => addMessage(deps, org.customer, ticket.ticketId, { body: 'x', internal: false, attachmentIds: [id] }, 'api', {}, { attachments: files });
    await expect(write(missing)).rejects.toMatchObject({ extensions: { reason: 'not-uploaded', errors: [{ pointer: '#/attachmentIds/0' }] } });
    await expect(write(mismatch)).rejects.toMatchObject({ extensions: { reason: 'type-mismatch' } });
    await expect(write(program)).rejects.toMatchObject({ extensions: { reason: 'executable' } });
    const thread = await getTicketThread(deps, org.agent, ticket.ticketId);
    expect(thread.messages).toHaveLength(0);
    expect(thread.ticket.version).toBe(1);
  });

  it('opens a ticket with draft uploads as its first message\'s files', async () => {
    const draft = await uploaded(org.customer, undefined);
    const ticket = await openTicket(deps, org.customer, { ...ticketFields, attachmentIds: [draft] }, { attachments: files });
    const thread = await getTicketThread(deps, org.customer, ticket.ticketId);
    expect(thread.messages).toEqual([expect.objectContaining({ body: 'Help', attachments: [expect.objectContaining({ id: draft })] })]);
    await expect(attachmentDownloadUrl(deps, files, org.customer, ticket.ticketId, draft)).resolves.toBeTruthy();
    const onTicket = await uploaded(org.customer, ticket.ticketId);
    await expect(openTicket(deps, org.customer, { ...ticketFields, attachmentIds: [onTicket] }, { attachments: files })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('replies and resolves in one version; the requester closes from resolved, not from open', async () => {
    const ticket = await open();
    const { ticket: resolved } = await addMessage(deps, org.agent, ticket.ticketId, { body: 'Fixed it', internal: false, status: 'resolved' });
    expect(resolved).toMatchObject({ version: 2, status: 'resolved', resolutionText: 'Fixed it', firstResponseAt: expect.any(String), lastMessageAt: expect.any(String) });
    const types = (await getTicketThread(deps, org.agent, ticket.ticketId)).activities.map((a) => a.type);
    expect(types).toEqual(['ticket.created', 'ticket.message.added', 'ticket.status.changed']);
    await expect(addMessage(deps, org.customer, ticket.ticketId, { body: 'x', internal: false, status: 'closed' })).rejects.toBeInstanceOf(ForbiddenError);
    const closed = await closeTicketAsRequester(deps, org.customer, ticket.ticketId);
    expect(closed).toMatchObject({ status: 'closed', version: 3, closedAt: expect.any(String) });
    const fresh = await open();
    await expect(closeTicketAsRequester(deps, org.customer, fresh.ticketId)).rejects.toBeInstanceOf(IllegalTransitionError);
    await expect(closeTicketAsRequester(deps, org.agent, fresh.ticketId)).rejects.toBeInstanceOf(ForbiddenError);
    await updateTicket(deps, org.agent, fresh.ticketId, { status: 'waiting_on_customer' }, 1);
    await expect(closeTicketAsRequester(deps, org.customer, fresh.ticketId)).resolves.toMatchObject({ status: 'closed' });
  });

  it('pages a long thread both ways; customers never see notes; the detail keeps the newest 50', async () => {
    const ticket = await open();
    for (let i = 0; i < 55; i++) await addMessage(deps, org.agent, ticket.ticketId, { body: `m${i}`, internal: i % 11 === 0 });
    const asc = await listMessages(deps, org.agent, ticket.ticketId, { limit: 20, order: 'asc' });
    expect(asc.items.map((m) => m.body).slice(0, 2)).toEqual(['m0', 'm1']);
    const next = await listMessages(deps, org.agent, ticket.ticketId, { limit: 20, order: 'asc', cursor: asc.nextCursor! });
    expect(next.items[0].body).toBe('m20');
    await expect(listMessages(deps, org.customer, ticket.ticketId, { limit: 20, order: 'asc', cursor: asc.nextCursor! })).rejects.toMatchObject({ code: 'invalid-cursor' });
    const publicOnly = await listMessages(deps, org.customer, ticket.ticketId, { limit: 100, order: 'desc' });
    expect(publicOnly.items).toHaveLength(50);
    expect(publicOnly.items[0].body).toBe('m54');
    const thread = await getTicketThread(deps, org.agent, ticket.ticketId);
    expect(thread.messages).toHaveLength(50);
    expect(thread.messages.at(-1)?.body).toBe('m54');
    expect(thread.olderMessagesCursor).toBeTruthy();
    const older = await listMessages(deps, org.agent, ticket.ticketId, { limit: 20, order: 'desc', cursor: thread.olderMessagesCursor });
    expect(older.items.map((m) => m.body)).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
  });

  it('lets a customer open N tickets an hour, counts nothing refused, and never limits staff', async () => {
    const hour = new Date('2026-11-29T10:15:00Z');
    const quotaDeps: Deps = { ...deps, now: () => hour };
    const limited = await seedOrg(deps);
    await deps.store.entities.organization.create({ orgId: limited.orgId, name: 'x', settings: { limits: { customerTicketsPerHour: 3 } }, createdAt: hour.toISOString() }).go();
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => openTicket(quotaDeps, limited.customer, ticketFields)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(TooManyTicketsError);
    expect(refused.reason.retryAfterSeconds).toBe(45 * 60);
    await expect(openTicket(quotaDeps, limited.agent, { ...ticketFields, requester: { email: 'x@example.com' } })).resolves.toBeTruthy();
    const nextHour: Deps = { ...deps, now: () => new Date('2026-11-29T11:00:01Z') };
    await expect(openTicket(nextHour, limited.customer, ticketFields)).resolves.toBeTruthy();
  });
});
