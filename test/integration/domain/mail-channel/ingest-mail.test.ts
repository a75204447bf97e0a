import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestMail } from '../../../../functions/domain/mail-channel/ingest-mail';
import { putMailbox } from '../../../../functions/domain/mail-channel/mailboxes';
import { recordMailRef } from '../../../../functions/domain/mail-channel/mail-refs';
import { notifyByMail } from '../../../../functions/domain/mail-channel/notify-by-mail';
import { recoverSuspendedMail } from '../../../../functions/domain/mail-channel/recover-suspended-mail';
import { listSuspendedMail } from '../../../../functions/domain/mail-channel/suspended-mail';
import type { Deps } from '../../../../functions/domain/store/store';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { eventFromActivity } from '../../../../functions/domain/events/event-from-activity';
import type { SesReceiptNotification } from '../../../../schemas/email';
import { integrationDeps, seedOrg } from '../../../support/integration-store';
import { MemoryAttachmentStore } from '../../../support/memory-attachment-store';
import { MemoryObjectStore } from '../../../support/memory-object-store';

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;
let mailbox: string;
const objects = new MemoryObjectStore('mem');
const files = new MemoryAttachmentStore();

beforeAll(async () => {
  ({ deps } = await integrationDeps());
  org = await seedOrg(deps);
  mailbox = `support@${org.orgId.replace(/_/g, '-')}.example.com`;
  await putMailbox(deps, { address: mailbox, orgId: org.orgId, displayName: 'Acme Support', senderHourlyLimit: 5 });
});

function mime(headers: Record<string, string>, body = 'Hello,\n\nmy printer is on fire.\n\nCarla'): Buffer {
  const lines = Object.entries({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', Date: 'Sun, 22 Nov 2026 10:00:00 +0000', ...headers })
    .map(([k, v]) => `${k}: ${v}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`);
}

function deliver(raw: Buffer, opts: { recipients?: string[]; source?: string; verdicts?: Partial<Record<'spam' | 'virus' | 'dmarc', string>>; key?: string } = {}) {
  const objectKey = opts.key ?? `inbound/${randomUUID()}`;
  objects.items.set(objectKey, raw);
  const event: SesReceiptNotification = {
    mail: { timestamp: new Date().toISOString(), source: opts.source ?? 'sender@example.com', messageId: randomUUID() },
    receipt: {
      recipients: opts.recipients ?? [mailbox],
      spamVerdict: { status: opts.verdicts?.spam ?? 'PASS' },
      virusVerdict: { status: opts.verdicts?.virus ?? 'PASS' },
      dmarcVerdict: { status: opts.verdicts?.dmarc ?? 'PASS' },
      action: { type: 'S3', bucketName: 'mem', objectKey },
    },
  };
  return ingestMail(deps, objects, event, files);
}

const addr = (tag: string) => `${tag}.${randomUUID().slice(0, 8)}@customer.example`;

describe('ingestMail (DynamoDB Local)', () => {
  it('opens a ticket for a new sender, routed by the envelope recipient, not To:', async () => {
    const from = addr('carla');
    const outcome = await deliver(mime({ From: `Carla <${from}>`, To: 'someone@else.example', Subject: 'Printer on fire', 'Message-ID': `<${randomUUID()}@x>` }));
    expect(outcome).toMatchObject({ kind: 'created' });
    const { data: ticket } = await deps.store.entities.ticket.get({ orgId: org.orgId, ticketId: (outcome as { ticketId: string }).ticketId }).go();
    expect(ticket).toMatchObject({ requesterEmail: from, subject: 'Printer on fire', channel: 'email', messageCount: 1 });
  });

  it('ignores mail for no mailbox of ours', async () => {
    expect(await deliver(mime({ From: addr('x'), Subject: 'Hi' }), { recipients: ['nobody@nowhere.example'] })).toEqual({ kind: 'no-mailbox' });
  });

  it('has one effect when the same mail arrives twice (other object key, same Message-ID)', async () => {
    const raw = mime({ From: addr('dup'), Subject: 'Twice', 'Message-ID': `<${randomUUID()}@x>` });
    const first = await deliver(raw);
    const second = await deliver(raw);
    expect(first.kind).toBe('created');
    expect(second).toMatchObject({ kind: 'duplicate' });
  });

  it('threads by token, by In-Reply-To, and by subject number only for the requester', async () => {
    const from = addr('thread');
    const firstId = `${randomUUID()}@x`;
    const created = (await deliver(mime({ From: from, Subject: 'Thread me', 'Message-ID': `<${firstId}>` }))) as { ticketId: string; number: string };
    const byToken = await deliver(mime({ From: from, Subject: 'x', 'Message-ID': `<${randomUUID()}@x>` }), {
      recipients: [mailbox.replace('@', `+t.${created.ticketId.toLowerCase()}@`)],
    });
    expect(byToken).toMatchObject({ kind: 'replied', ticketId: created.ticketId, by: 'token' });
    const byRef = await deliver(mime({ From: from, Subject: 'Re: x', 'In-Reply-To': `<${firstId}>`, 'Message-ID': `<${randomUUID()}@x>` }));
    expect(byRef).toMatchObject({ kind: 'replied', ticketId: created.ticketId, by: 'references' });
    const byNumber = await deliver(mime({ From: from, Subject: `Re: [${created.number}] more`, 'Message-ID': `<${randomUUID()}@x>` }));
    expect(byNumber).toMatchObject({ kind: 'replied', ticketId: created.ticketId, by: 'subject-number' });
    const stranger = await deliver(mime({ From: addr('stranger'), Subject: `Re: [${created.number}] let me in`, 'Message-ID': `<${randomUUID()}@x>` }));
    expect(stranger.kind).toBe('created');
    expect((stranger as { ticketId: string }).ticketId).not.toBe(created.ticketId);
  });

  it('suspends auto-replies, verdict failures and malformed mail, and lists them newest first', async () => {
    const auto = await deliver(mime({ From: addr('away'), Subject: 'Out of office', 'Auto-Submitted': 'auto-replied', 'Message-ID': `<${randomUUID()}@x>` }));
    expect(auto).toMatchObject({ kind: 'suspended', reason: 'auto-reply' });
    const virus = await deliver(mime({ From: addr('v'), Subject: 'invoice', 'Message-ID': `<${randomUUID()}@x>` }), { verdicts: { virus: 'FAIL' } });
    expect(virus).toMatchObject({ kind: 'suspended', reason: 'virus' });
    const spam = await deliver(mime({ From: addr('s'), Subject: 'win', 'Message-ID': `<${randomUUID()}@x>` }), { verdicts: { spam: 'FAIL' } });
    expect(spam).toMatchObject({ kind: 'suspended', reason: 'spam' });
    const malformed = await deliver(Buffer.from('   \r\n  '));
    expect(malformed).toMatchObject({ kind: 'suspended', reason: 'malformed' });
    const page = await listSuspendedMail(deps, org.agent, { limit: 2 });
    expect(page.items.map((i) => i.reason)).toEqual(['malformed', 'spam']);
    const next = await listSuspendedMail(deps, org.agent, { limit: 2, cursor: page.nextCursor! });
    expect(next.items.map((i) => i.reason)).toEqual(['virus', 'auto-reply']);
  });

  it('rate-limits a sender that floods (a mail loop)', async () => {
    const from = addr('loop');
    const outcomes = [];
    for (let i = 0; i < 7; i++) outcomes.push(await deliver(mime({ From: from, Subject: `loop ${i}`, 'Message-ID': `<${randomUUID()}@x>` })));
    expect(outcomes.filter((o) => o.kind === 'suspended').map((o) => (o as { reason: string }).reason)).toEqual(['rate-limited', 'rate-limited']);
  });

  it('records a bounce of our own mail on its ticket and recovers an auto-reply into a ticket', async () => {
    const from = addr('bounced');
    const created = (await deliver(mime({ From: from, Subject: 'Will bounce', 'Message-ID': `<${randomUUID()}@x>` }))) as { ticketId: string };
    const outId = `hd.${randomUUID()}@acme`;
    await recordMailRef(deps, { orgId: org.orgId, ticketId: created.ticketId, messageId: outId, direction: 'out', to: from });
    const bounce = mime(
      { From: 'Mail Delivery System <MAILER-DAEMON@mx.example>', Subject: 'Undelivered Mail Returned to Sender', 'Message-ID': `<${randomUUID()}@mx>` },
      `This is the mail system.\n\n<${from}>: host said: 550 5.1.1 user unknown\n\n--- original message ---\nMessage-ID: <${outId}>\nSubject: hi\n`,
    );
    const outcome = await deliver(bounce, { source: '' });
    expect(outcome).toMatchObject({ kind: 'suspended', reason: 'bounce', ticketId: created.ticketId });
    const { data: activities } = await deps.store.entities.activity.query.byTicket({ orgId: org.orgId, ticketId: created.ticketId }).go();
    expect(activities.map((a) => a.type)).toContain('ticket.delivery.failed');

    const auto = (await deliver(mime({ From: addr('oof'), Subject: 'Automatic reply: hi', 'X-Autoreply': 'yes', 'Message-ID': `<${randomUUID()}@x>` }))) as { suspendedId: string };
    const recovered = await recoverSuspendedMail(deps, objects, org.agent, auto.suspendedId, files);
    expect(recovered.reply).toBe(false);
    const { data: ticket } = await deps.store.entities.ticket.get({ orgId: org.orgId, ticketId: recovered.ticketId }).go();
    expect(ticket?.tags).toContain('mail-recovered');
  });

  it('mails a public agent reply threaded on the ticket, and never a confirmation of recovered mail', async () => {
    const from = addr('notify');
    const firstId = `${randomUUID()}@x`;
    const created = (await deliver(mime({ From: from, Subject: 'Need help', 'Message-ID': `<${firstId}>` }))) as { ticketId: string; number: string };
    await addMessage(deps, org.agent, created.ticketId, { body: 'On our way', internal: false });
    const { data: activities } = await deps.store.entities.activity.query.byTicket({ orgId: org.orgId, ticketId: created.ticketId }).go();
    const reply = activities.find((a) => a.type === 'ticket.message.added' && a.actorRole === 'agent')!;
    const sent: { from: string; to: string[]; raw: Buffer }[] = [];
    const outcome = await notifyByMail(deps, { send: async (m) => (sent.push(m), { providerId: '1' }) }, eventFromActivity(reply as never) as never);
    expect(outcome).toMatchObject({ sent: true, kind: 'reply', to: from });
    const raw = sent[0].raw.toString();
    expect(raw).toContain(`In-Reply-To: <${firstId}>`);
    expect(raw).toContain(`[${created.number}]`);
    expect(raw).toContain(`Reply-To: ${mailbox.replace('@', `+t.${created.ticketId.toLowerCase()}@`)}`);
  });

  it('stores mail files as attachment records: listed on the message, cid: images through the download route, programs refused', async () => {
    const from = addr('pics');
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(32, 2)]);
    const part = (headers: string[], body: string) => `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
    const raw = Buffer.from([
      `From: Pia <${from}>`, `To: ${mailbox}`, 'Subject: Broken screen', `Message-ID: <${randomUUID()}@x>`, 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="B1"', '', '--B1',
      part(['Content-Type: multipart/related; boundary="B2"'], ['--B2',
        part(['Content-Type: text/html; charset=utf-8'], '<p>See <img src="cid:shot@pia"></p>'),
        '--B2', part(['Content-Type: image/png', 'Content-ID: <shot@pia>', 'Content-Disposition: inline; filename="shot.png"', 'Content-Transfer-Encoding: base64'], png.toString('base64')),
        '--B2--'].join('\r\n')),
      '--B1', part(['Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename="tool.exe"', 'Content-Transfer-Encoding: base64'], Buffer.from('MZ\x90\x00').toString('base64')),
      '--B1--', '',
    ].join('\r\n'));
    const outcome = await deliver(raw);
    expect(outcome).toMatchObject({ kind: 'created' });
    const ticketId = (outcome as { ticketId: string }).ticketId;
    const { data: [message] } = await deps.store.entities.message.query.byTicket({ orgId: org.orgId, ticketId }).go();
    const [image] = message.attachments as { id: string }[];
    expect(message.attachments).toEqual([{ id: image.id, filename: 'shot.png', contentType: 'image/png', size: png.length, inline: true, contentId: 'shot@pia' }]);
    expect(message.rejectedAttachments).toEqual([expect.objectContaining({ filename: 'tool.exe', rejected: 'executable content' })]);
    expect(message.html).toContain(`src="/v1/tickets/${ticketId}/attachments/${image.id}"`);
    const { data: record } = await deps.store.entities.attachment.get({ orgId: org.orgId, attachmentId: image.id }).go();
    expect(record).toMatchObject({ state: 'attached', ticketId, internal: false, objectKey: `tickets/${org.orgId}/${ticketId}/${image.id}` });
    expect(files.objects.get(record!.objectKey)?.body).toEqual(png);
  });
});
