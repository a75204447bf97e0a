import { beforeAll, describe, expect, it } from 'vitest';
import { ERASED_TEXT, LegalHoldError, eraseRequester } from '../../../../functions/domain/privacy/erase-requester';
import { ObjectNotFoundError, type ObjectStore } from '../../../../functions/domain/ports/object-store';
import type { Deps } from '../../../../functions/domain/store/store';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { integrationDeps, seedOrg } from '../../../support/integration-store';
import { MemoryAttachmentStore } from '../../../support/memory-attachment-store';

class MemoryObjects implements ObjectStore {
  readonly bucket = 'memory';
  readonly items = new Map<string, Buffer>();
  async put(key: string, body: Buffer) { this.items.set(key, body); }
  async get(key: string) {
    const item = this.items.get(key);
    if (!item) throw new ObjectNotFoundError(key);
    return item;
  }
  async remove(key: string) { this.items.delete(key); }
}

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;
const objects = new MemoryObjects();
const attachments = new MemoryAttachmentStore();
const ports = { objects, attachments };

beforeAll(async () => {
  ({ deps } = await integrationDeps());
  org = await seedOrg(deps);
});

const threadOf = async (ticketId: string) => (await deps.store.collections.thread({ orgId: org.orgId, ticketId }).go({ pages: 'all' })).data;

describe('erasing a requester (DynamoDB Local)', () => {
  it('scrubs tickets, messages, events\' copies and raw mails; refused under legal hold; a second call changes nothing', async () => {
    const ticket = await createTicket(deps, org.customer, { subject: 'Invoice', description: 'My IBAN is DE00 1234', priority: 'low', tags: [], customFields: {} });
    await objects.put('raw/in-1.eml', Buffer.from('From: customer'));
    await addMessage(deps, org.customer, ticket.ticketId, { body: 'Call me on +49 123', internal: false }, 'email', { rawObjectKey: 'raw/in-1.eml' });
    await addMessage(deps, org.agent, ticket.ticketId, { body: 'We will call you', internal: false });

    await deps.store.entities.organization.put({ orgId: org.orgId, name: 'Org', settings: { legalHold: true }, createdAt: new Date().toISOString() }).go();
    await expect(eraseRequester(deps, ports, org.admin, org.customer.email)).rejects.toBeInstanceOf(LegalHoldError);
    expect(objects.items.has('raw/in-1.eml')).toBe(true);
    expect((await threadOf(ticket.ticketId)).ticket[0]!.requesterEmail).toBe(org.customer.email);
    await deps.store.entities.organization.patch({ orgId: org.orgId }).set({ settings: { legalHold: false } }).go();
    await expect(eraseRequester(deps, ports, org.supervisor, org.customer.email)).rejects.toThrow(/admins/);

    const result = await eraseRequester(deps, ports, org.admin, org.customer.email);
    expect(result).toMatchObject({ tickets: 1, messages: 1, rawMails: 1, attachments: 0 });
    expect(objects.items.has('raw/in-1.eml')).toBe(false);
    const thread = await threadOf(ticket.ticketId);
    const stored = thread.ticket[0]!;
    expect(stored).toMatchObject({ description: ERASED_TEXT, subject: 'Invoice' });
    expect(stored.requesterEmail).toMatch(/@erased\.invalid$/);
    expect(stored.requesterName).toBeUndefined();
    expect(thread.message.find((m) => m.authorRole === 'customer')).toMatchObject({ body: ERASED_TEXT });
    expect(thread.message.find((m) => m.authorRole === 'customer')?.rawObjectKey).toBeUndefined();
    expect(thread.message.find((m) => m.authorRole === 'agent')).toMatchObject({ body: 'We will call you' });
    const everything = JSON.stringify(thread);
    expect(everything).not.toContain(org.customer.email);
    expect(everything).not.toContain('+49 123');
    expect(everything).not.toContain('DE00 1234');
    const audit = thread.activity.find((a) => a.type === 'privacy.erased');
    expect(audit).toMatchObject({ actorId: org.admin.userId, internal: true, data: { messages: 1, rawMails: 1 } });
    const { data: byRequester } = await deps.store.entities.ticket.query.byRequester({ orgId: org.orgId, requesterEmail: org.customer.email }).go();
    expect(byRequester).toEqual([]);

    const again = await eraseRequester(deps, ports, org.admin, org.customer.email);
    expect(again).toMatchObject({ tickets: 0, messages: 0, rawMails: 0 });
    expect((await threadOf(ticket.ticketId)).ticket[0]!.version).toBe(stored.version);
  });
});
