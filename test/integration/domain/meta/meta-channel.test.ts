import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalSecretBox } from '../../../../bin/local/adapters/local-secret-box';
import { META_INBOUND_QUEUE, acceptWebhook } from '../../../../functions/domain/meta/accept-webhook';
import { ChannelTakenError } from '../../../../functions/domain/meta/errors';
import { ingestMetaEvent } from '../../../../functions/domain/meta/ingest-meta-event';
import { createChannel, deleteChannel, updateChannel } from '../../../../functions/domain/meta/manage-channels';
import type { MetaQueueItem } from '../../../../functions/domain/meta/meta-event';
import { listMetaRecords } from '../../../../functions/domain/meta/record-meta';
import { sendMetaReply } from '../../../../functions/domain/meta/send-meta-reply';
import { signMetaBody } from '../../../../functions/domain/meta/signature';
import { type GraphApi, GraphRejectedError } from '../../../../functions/domain/ports/graph-api';
import type { QueueSender } from '../../../../functions/domain/ports/queue-sender';
import type { Deps } from '../../../../functions/domain/store/store';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { eventFromActivity } from '../../../../functions/domain/events/event-from-activity';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

class MemoryQueue implements QueueSender {
  readonly sent: { queue: string; body: string; groupId?: string; deduplicationId?: string }[] = [];
  async send(queue: string, body: string, options: { groupId?: string; deduplicationId?: string } = {}) {
    this.sent.push({ queue, body, ...options });
  }
  items = () => this.sent.map((s) => JSON.parse(s.body) as MetaQueueItem);
}

const graph: GraphApi & { sends: unknown[] } = {
  sends: [],
  async downloadMedia(_token, media) {
    if (media.id?.startsWith('gone')) throw new GraphRejectedError(404, 100, 'media expired');
    return { bytes: Buffer.from(`bytes of ${media.id ?? media.url}`), contentType: 'image/jpeg' };
  },
  async send(_sender, message) {
    graph.sends.push(message);
    if (message.to === '15550000000') throw new GraphRejectedError(400, 131047, 'Re-engagement message');
    return { messageId: `wamid.out.${graph.sends.length}` };
  },
  async profile() { return undefined; },
};

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;
let now = new Date('2026-11-29T10:00:00Z');
const secrets = new LocalSecretBox(mkdtempSync(path.join(tmpdir(), 'meta-it-')));
const objects = new Map<string, Buffer>();
const ports = { secrets, graph, attachments: { put: async (key: string, body: Buffer) => void objects.set(key, body) } };
const PHONE_ID = `${Date.now()}`;
let channelId = '';

const body = (from: string, id: string, message: object = { type: 'text', text: { body: 'hello' } }, ts = Math.floor(now.getTime() / 1000) - 10) => JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [{ id: 'waba', changes: [{ field: 'messages', value: { metadata: { phone_number_id: PHONE_ID }, contacts: [{ wa_id: from, profile: { name: 'Ana' } }], messages: [{ from, id, timestamp: String(ts), ...message }] } }] }],
});

async function deliver(raw: string, secret = 'app-secret-1') {
  const queue = new MemoryQueue();
  const verdict = await acceptWebhook(deps, { secrets, queues: queue }, { kind: 'whatsapp', rawBody: Buffer.from(raw), signature: signMetaBody(raw, secret) });
  const outcomes = [];
  for (const item of queue.items()) outcomes.push(await ingestMetaEvent(deps, ports, item));
  return { verdict, queue, outcomes };
}

beforeAll(async () => {
  ({ deps } = await integrationDeps(() => now));
  org = await seedOrg(deps);
  channelId = (await createChannel(deps, secrets, org.orgId, { kind: 'whatsapp', name: 'WA', phoneNumberId: PHONE_ID, appSecret: 'app-secret-1', accessToken: 'token-1234', verifyToken: 'verify-1234', afterResolved: 'new-ticket' })).channelId;
});

describe('Meta channels on DynamoDB', () => {
  it('keeps one owner per Meta id, across organizations', async () => {
    const other = await seedOrg(deps);
    await expect(createChannel(deps, secrets, other.orgId, { kind: 'whatsapp', name: 'mine', phoneNumberId: PHONE_ID, appSecret: 'x-secret-1', accessToken: 'token-1234', verifyToken: 'verify-5678', afterResolved: 'new-ticket' }))
      .rejects.toBeInstanceOf(ChannelTakenError);
  });

  it('stores secrets encrypted, and a new app secret verifies from the next delivery on', async () => {
    const { data } = await deps.store.entities.metaChannelKey.get({ kind: 'whatsapp', externalId: PHONE_ID }).go();
    expect(data?.appSecret).not.toContain('app-secret-1');
    await updateChannel(deps, secrets, org.orgId, channelId, { appSecret: 'app-secret-2' });
    expect((await deliver(body('4915100000001', 'wamid.rot'), 'app-secret-1')).verdict.status).toBe(401);
    expect((await deliver(body('4915100000001', 'wamid.rot'), 'app-secret-2')).verdict.status).toBe(200);
    await updateChannel(deps, secrets, org.orgId, channelId, { appSecret: 'app-secret-1' });
  });

  it('queues per contact with Meta\'s id as the deduplication id, and takes a redelivery in once', async () => {
    const first = await deliver(body('4915100000002', 'wamid.dup'));
    expect(first.queue.sent[0]).toMatchObject({ queue: META_INBOUND_QUEUE, groupId: `${channelId}:4915100000002` });
    expect(first.queue.sent[0].deduplicationId).toMatch(/^[0-9a-f]{64}$/);
    expect(first.outcomes[0]).toMatchObject({ kind: 'created' });
    const again = await deliver(body('4915100000002', 'wamid.dup'));
    expect(again.outcomes[0]).toMatchObject({ kind: 'duplicate', ticketId: (first.outcomes[0] as { ticketId: string }).ticketId });
    const { data: messages } = await deps.store.entities.message.query.byTicket({ orgId: org.orgId, ticketId: (first.outcomes[0] as { ticketId: string }).ticketId }).go();
    expect(messages).toHaveLength(1);
  });

  it('stores media under the ticket and keeps an attachment that could not be downloaded, with the reason', async () => {
    const media = await deliver(body('4915100000003', 'wamid.media', { type: 'image', image: { id: 'img-1', mime_type: 'image/jpeg', caption: 'look' } }));
    const ticketId = (media.outcomes[0] as { ticketId: string }).ticketId;
    const { data: [message] } = await deps.store.entities.message.query.byTicket({ orgId: org.orgId, ticketId }).go();
    const [attachment] = message.attachments as { id: string; size: number }[];
    const { data: record } = await deps.store.entities.attachment.get({ orgId: org.orgId, attachmentId: attachment.id }).go();
    expect(record).toMatchObject({ state: 'attached', ticketId, messageId: message.messageId, contentType: 'image/jpeg', size: 'bytes of img-1'.length });
    expect(record!.objectKey).toBe(`tickets/${org.orgId}/${ticketId}/${attachment.id}`);
    expect(objects.get(record!.objectKey)?.toString()).toBe('bytes of img-1');
    const gone = await deliver(body('4915100000003', 'wamid.gone', { type: 'document', document: { id: 'gone-1', mime_type: 'application/pdf', filename: 'a.pdf' } }));
    expect(gone.outcomes[0]).toMatchObject({ kind: 'appended', ticketId });
    const { data: thread } = await deps.store.entities.message.query.byTicket({ orgId: org.orgId, ticketId }).go();
    const failed = thread.find((m) => m.metaMessageId === 'wamid.gone')!;
    expect(failed.attachments ?? []).toEqual([]);
    expect((failed.metaDetails as { rejectedMedia: { rejected: string }[] }).rejectedMedia[0].rejected).toMatch(/download failed: media expired/);
  });

  it('records statuses of unknown messages and everything that is not a message', async () => {
    const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'waba', changes: [
      { field: 'messages', value: { metadata: { phone_number_id: PHONE_ID }, statuses: [{ id: 'wamid.never-sent', status: 'delivered', timestamp: '1700000000', recipient_id: '1' }] } },
      { field: 'calls', value: { metadata: { phone_number_id: PHONE_ID }, calls: [{ id: 'c1', event: 'connect' }] } },
    ] }] });
    const { outcomes } = await deliver(raw);
    expect(outcomes).toEqual([{ kind: 'status', applied: false }, { kind: 'recorded', why: 'calls is not a customer message' }]);
    const records = await listMetaRecords(deps, `org#${org.orgId}#${channelId}`);
    expect(records.map((r) => r.kind)).toEqual(expect.arrayContaining(['status-unknown-message', 'event']));
  });

  it('marks a reply Meta refuses as failed with Meta\'s error, and does not retry it', async () => {
    const created = await deliver(body('15550000000', 'wamid.refuse'));
    const ticketId = (created.outcomes[0] as { ticketId: string }).ticketId;
    const { message } = await addMessage(deps, org.agent, ticketId, { body: 'hi', internal: false });
    const { data: activities } = await deps.store.entities.activity.query.byTicket({ orgId: org.orgId, ticketId }).go();
    const event = eventFromActivity(activities.find((a) => a.type === 'ticket.message.added' && a.data?.messageId === message.messageId)!)!;
    expect(await sendMetaReply(deps, { secrets, graph }, event)).toMatchObject({ sent: false, why: expect.stringContaining('Re-engagement') });
    const { data } = await deps.store.entities.message.get({ orgId: org.orgId, ticketId, messageId: message.messageId }).go();
    expect(data).toMatchObject({ deliveryStatus: 'failed', deliveryError: { code: 131047 } });
  });

  it('applies a status that overtook the send\'s own write, through WhatsApp\'s echo of our callback data', async () => {
    const created = await deliver(body('4915100000009', 'wamid.race'));
    const ticketId = (created.outcomes[0] as { ticketId: string }).ticketId;
    const { message } = await addMessage(deps, org.agent, ticketId, { body: 'fast', internal: false });
    const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'waba', changes: [{ field: 'messages', value: {
      metadata: { phone_number_id: PHONE_ID },
      statuses: [{ id: 'wamid.not-yet-recorded', status: 'delivered', timestamp: '1764410000', recipient_id: '4915100000009', biz_opaque_callback_data: `${ticketId}:${message.messageId}` }],
    } }] }] });
    expect((await deliver(raw)).outcomes).toEqual([{ kind: 'status', applied: true }]);
    const { data } = await deps.store.entities.message.get({ orgId: org.orgId, ticketId, messageId: message.messageId }).go();
    expect(data).toMatchObject({ deliveryStatus: 'delivered', deliveryRank: 2 });
  });

  it('records webhooks for a removed channel as unrouted, still 200', async () => {
    const temp = await createChannel(deps, secrets, org.orgId, { kind: 'instagram', name: 'IG', accountId: `${PHONE_ID}9`, appSecret: 'ig-secret-1', accessToken: 'token-1234', verifyToken: 'verify-ig-12', afterResolved: 'new-ticket' });
    await deleteChannel(deps, org.orgId, temp.channelId);
    const raw = JSON.stringify({ object: 'instagram', entry: [{ id: `${PHONE_ID}9`, time: 1, messaging: [{ sender: { id: '1' }, recipient: { id: '2' }, timestamp: 1700000000000, message: { mid: 'm', text: 't' } }] }] });
    const queue = new MemoryQueue();
    const verdict = await acceptWebhook(deps, { secrets, queues: queue }, { kind: 'instagram', rawBody: Buffer.from(raw), signature: signMetaBody(raw, 'ig-secret-1') });
    expect(verdict).toEqual({ status: 200, queued: 0, unrouted: 1 });
    expect(queue.sent).toHaveLength(0);
    expect(await listMetaRecords(deps, `unrouted#instagram#${PHONE_ID}9`)).toHaveLength(1);
  });

  it('refuses, 400 and nothing stored, a body naming an id no channel could have (it would not fit a key) or nested past reason', async () => {
    const long = '9'.repeat(3000);
    for (const [kind, raw] of [
      ['whatsapp', body('15550001', 'wamid.long').replace(PHONE_ID, long)],
      ['instagram', JSON.stringify({ object: 'instagram', entry: [{ id: long, time: 1, messaging: [{ sender: { id: '1' }, recipient: { id: '2' }, timestamp: 1700000000000, message: { mid: 'm', text: 't' } }] }] })],
      ['whatsapp', JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: long, changes: [{ field: 'account_update', value: { event: 'x' } }] }] })],
      // Nested past any stack: the excerpt of the record once overflowed it (a 500).
      ['whatsapp', `{"entry":[{"changes":[{"value":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}]}]}`],
    ] as const) {
      const queue = new MemoryQueue();
      const verdict = await acceptWebhook(deps, { secrets, queues: queue }, { kind, rawBody: Buffer.from(raw), signature: signMetaBody(raw, 'any-secret') });
      expect(verdict.status).toBe(400);
      expect(queue.sent).toHaveLength(0);
    }
  });
});
