import { beforeAll, describe, expect, it } from 'vitest';
import { ERASED_TEXT, LegalHoldError, eraseRequester } from '../../../../functions/domain/privacy/erase-requester';
import type { Deps } from '../../../../functions/domain/store/store';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { eventFromActivity } from '../../../../functions/domain/events/event-from-activity';
import type { Activity } from '../../../../functions/domain/tickets/activity.entity';
import { planDeliveries } from '../../../../functions/domain/webhooks/deliveries';
import { integrationDeps, seedOrg } from '../../../support/integration-store';
import { MemoryAttachmentStore } from '../../../support/memory-attachment-store';
import { MemoryObjectStore } from '../../../support/memory-object-store';

let deps: Deps;
let clients: Awaited<ReturnType<typeof integrationDeps>>['clients'];
let table: string;
let org: Awaited<ReturnType<typeof seedOrg>>;
const objects = new MemoryObjectStore();
const attachments = new MemoryAttachmentStore();
const ports = { objects, attachments };

beforeAll(async () => {
  ({ deps, clients, table } = await integrationDeps());
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

  it('also deletes their mail participant record, opt-out and WhatsApp contact, and scrubs stored webhook payloads: the address is left nowhere in the table', async () => {
    const email = 'Wendy.Whatsapp@example.org';
    const requester = { email, name: 'Wendy Whatsapp', phone: '+4915112345678' };
    const now = new Date().toISOString();
    await deps.store.entities.webhookEndpoint.create({
      orgId: org.orgId, webhookId: 'wh_erasure', url: 'https://hooks.example.com/x', events: ['*'], enabled: true,
      secrets: [{ secret: 'whsec_test', createdAt: now, expiresAt: null }], consecutiveFailures: 0, createdAt: now, updatedAt: now,
    }).go();
    // Opened by staff for her from a chat: the transcript is the description and the opening message.
    const transcript = 'Wendy: my number is +4915112345678, call me';
    const ticket = await createTicket(deps, org.agent, { subject: 'Chat', description: transcript, priority: 'low', tags: [], customFields: {}, requester }, 'chat', {
      firstMessage: { body: transcript }, fields: { metaChannelId: 'ch_wa', metaContactId: '4915112345678' },
    });
    await addMessage(deps, org.agent, ticket.ticketId, { body: 'Calling you now', internal: false });
    await deps.store.entities.mailParticipant.put({ orgId: org.orgId, ticketId: ticket.ticketId, address: email.toLowerCase() }).go();
    await deps.store.entities.mailOptOut.put({ orgId: org.orgId, email: email.toLowerCase(), topic: 'surveys', createdAt: now }).go();
    await deps.store.entities.metaContact.put({ orgId: org.orgId, channelId: 'ch_wa', contactId: '4915112345678', ticketId: ticket.ticketId, lastInboundAt: now, updatedAt: now }).go();
    for (const activity of (await threadOf(ticket.ticketId)).activity as Activity[]) {
      const event = eventFromActivity(activity);
      if (event) await planDeliveries(deps, event);
    }
    const { data: before } = await deps.store.entities.webhookDelivery.query.byEndpoint({ orgId: org.orgId, webhookId: 'wh_erasure' }).go({ pages: 'all' });
    expect(before.length).toBeGreaterThan(0);
    expect(before.some((d) => d.payload.toLowerCase().includes(email.toLowerCase()))).toBe(true);

    const result = await eraseRequester(deps, ports, org.admin, email);
    expect(result).toMatchObject({ tickets: 1, mailParticipants: 1, mailOptOuts: 1, metaContacts: 1, webhookDeliveries: before.length });
    expect((await deps.store.entities.mailParticipant.get({ orgId: org.orgId, ticketId: ticket.ticketId, address: email.toLowerCase() }).go()).data).toBeNull();
    expect((await deps.store.entities.mailOptOut.get({ orgId: org.orgId, email: email.toLowerCase(), topic: 'surveys' }).go()).data).toBeNull();
    expect((await deps.store.entities.metaContact.get({ orgId: org.orgId, channelId: 'ch_wa', contactId: '4915112345678' }).go()).data).toBeNull();
    // Every item of the (test) table, read raw: her address, name, phone and words are nowhere;
    // only the ticket's channel keys (the WhatsApp contact id, read-only on the ticket) remain.
    const { Items = [] } = await clients.document.send(new ScanCommand({ TableName: table }));
    const everything = JSON.stringify(Items).toLowerCase();
    expect(everything).not.toContain(email.toLowerCase());
    expect(everything).not.toContain('wendy whatsapp');
    expect(everything).not.toContain('+4915112345678');
    expect(everything).not.toContain('call me');
    // The agent's reply stays; deliveries can still be replayed, with the scrubbed payload.
    expect((await threadOf(ticket.ticketId)).message.find((m) => m.body === 'Calling you now')).toBeDefined();
    const { data: after } = await deps.store.entities.webhookDelivery.query.byEndpoint({ orgId: org.orgId, webhookId: 'wh_erasure' }).go({ pages: 'all' });
    for (const delivery of after) expect(JSON.parse(delivery.payload).data.ticket.requesterEmail).toMatch(/@erased\.invalid$/);
  });
});
