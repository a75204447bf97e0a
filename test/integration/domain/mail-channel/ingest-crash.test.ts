import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestMail } from '../../../../functions/domain/mail-channel/ingest-mail';
import type { ObjectStore as ObjectReader } from '../../../../functions/domain/ports/object-store';
import { threadMailRefs } from '../../../../functions/domain/mail-channel/mail-refs';
import { putMailbox } from '../../../../functions/domain/mail-channel/mailboxes';
import type { Deps } from '../../../../functions/domain/store/store';
import type { SesReceiptNotification } from '../../../../schemas/email';
import { integrationDeps, seedOrg } from '../../../support/integration-store';
import { MemoryAttachmentStore } from '../../../support/memory-attachment-store';

// Issue 10: a worker that dies between two writes must leave nothing half-done. The crash is
// played by an entity whose writes throw, on a copy of the deps that shares the table.

class MemoryObjects implements ObjectReader {
  readonly bucket = 'mem';
  readonly items = new Map<string, Buffer>();
  async put(key: string, body: Buffer) { this.items.set(key, body); }
  async remove(key: string) { this.items.delete(key); }
  async get(key: string) { return this.items.get(key)!; }
}

let deps: Deps;
let orgId: string;
let mailbox: string;
let clock = new Date('2026-11-22T10:00:00Z');
const objects = new MemoryObjects();
const files = new MemoryAttachmentStore();

beforeAll(async () => {
  ({ deps } = await integrationDeps(() => clock));
  ({ orgId } = await seedOrg(deps));
  mailbox = `support@${orgId.replace(/_/g, '-')}.example.com`;
  await putMailbox(deps, { address: mailbox, orgId, displayName: 'Acme Support' });
});

/** The same deps, but writes through `entity`'s own methods (`methods`) fail as if the process died there. */
function crashingOn(entity: 'mailRef' | 'inboundReceipt', methods: string[]): Deps {
  const crash = () => { throw new Error(`worker crashed writing ${entity}`); };
  const entities = new Proxy(deps.store.entities, {
    get: (target, name) => {
      const value = Reflect.get(target, name);
      if (name !== entity) return value;
      return new Proxy(value, { get: (e, method) => (methods.includes(String(method)) ? crash : Reflect.get(e, method)) });
    },
  });
  const store = new Proxy(deps.store, { get: (target, name) => (name === 'entities' ? entities : Reflect.get(target, name)) });
  return { ...deps, store } as Deps;
}

function deliver(on: Deps, raw: Buffer, key = `inbound/${randomUUID()}`) {
  objects.items.set(key, raw);
  const event: SesReceiptNotification = {
    mail: { timestamp: clock.toISOString(), source: 'sender@example.com', messageId: randomUUID() },
    receipt: {
      recipients: [mailbox],
      spamVerdict: { status: 'PASS' }, virusVerdict: { status: 'PASS' }, dmarcVerdict: { status: 'PASS' },
      action: { type: 'S3', bucketName: 'mem', objectKey: key },
    },
  };
  return ingestMail(on, objects, event, files);
}

const mime = (headers: Record<string, string>, body = 'Hello') =>
  Buffer.from(`${Object.entries({ Date: 'Sun, 22 Nov 2026 10:00:00 +0000', ...headers }).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}\r\n`);

const messagesOf = async (ticketId: string) => (await deps.store.entities.message.query.byTicket({ orgId, ticketId }).go()).data;

describe('inbound mail and crashes', () => {
  it('records the incoming Message-ID in the ticket\'s and the reply\'s own transaction', async () => {
    // Separate writes of the Message-ID would fail here, after the ticket was written.
    const noSeparateRefWrites = crashingOn('mailRef', ['put', 'create', 'upsert', 'update', 'patch']);
    const from = `carla.${randomUUID().slice(0, 8)}@customer.example`;
    const firstId = `${randomUUID()}@mail.example`;
    const created = await deliver(noSeparateRefWrites, mime({ From: from, Subject: 'Printer', 'Message-ID': `<${firstId}>` }));
    expect(created).toMatchObject({ kind: 'created' });
    const ticketId = (created as { ticketId: string }).ticketId;
    expect((await threadMailRefs(deps, orgId, ticketId)).map((r) => [r.messageId, r.direction])).toEqual([[firstId, 'in']]);

    const replyId = `${randomUUID()}@mail.example`;
    const replied = await deliver(noSeparateRefWrites, mime({ From: from, Subject: 'Re: Printer', 'In-Reply-To': `<${firstId}>`, 'Message-ID': `<${replyId}>` }, 'More'));
    expect(replied).toMatchObject({ kind: 'replied', ticketId });
    expect((await threadMailRefs(deps, orgId, ticketId)).map((r) => r.messageId).sort()).toEqual([firstId, replyId].sort());
  });

  it('adds a reply once when its worker died inside the lease and another took over', async () => {
    const from = `dora.${randomUUID().slice(0, 8)}@customer.example`;
    const firstId = `${randomUUID()}@mail.example`;
    const created = (await deliver(deps, mime({ From: from, Subject: 'Scanner', 'Message-ID': `<${firstId}>` }))) as { ticketId: string };
    const reply = mime({ From: from, Subject: 'Re: Scanner', 'In-Reply-To': `<${firstId}>`, 'Message-ID': `<${randomUUID()}@mail.example>` }, 'Still broken');

    // The worker writes the message, then dies before it can mark the mail done or release it.
    const dying = crashingOn('inboundReceipt', ['patch', 'update', 'delete', 'remove']);
    await expect(deliver(dying, reply)).rejects.toThrow(/worker crashed/);
    expect(await messagesOf(created.ticketId)).toHaveLength(2);

    // Inside the lease the mail is busy; after it, the queue's retry takes it over.
    await expect(deliver(deps, reply)).rejects.toThrow(/being processed/);
    clock = new Date(clock.getTime() + 6 * 60_000);
    expect(await deliver(deps, reply)).toMatchObject({ kind: 'replied', ticketId: created.ticketId });
    expect(await deliver(deps, reply)).toMatchObject({ kind: 'duplicate' });
    const messages = await messagesOf(created.ticketId);
    expect(messages.map((m) => m.body)).toEqual(['Hello', 'Still broken']);
    const { data: ticket } = await deps.store.entities.ticket.get({ orgId, ticketId: created.ticketId }).go();
    expect(ticket?.messageCount).toBe(2);
  });
});
