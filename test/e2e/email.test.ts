import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { describe, expect, inject, it } from 'vitest';
import { api, eventDelivered } from '../support/http-client';
import { corpusPath, itWithCorpora } from '../support/corpora';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';

const runtime = inject('runtime');
const smtpPort = runtime.smtpPort as number;
const support = runtime.supportAddress as string;
const agent = api(runtime.tokens.agent);
const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
const CORPUS = corpusPath('email');

const unique = (tag: string) => `${tag}.${randomUUID().slice(0, 8)}@mail-e2e.example`;
const send = (mail: Mail.Options) => transport.sendMail(mail);
const sendRaw = (from: string, to: string[], raw: string | Buffer) => transport.sendMail({ envelope: { from, to }, raw });

interface Ticket { id: string; number: string; subject: string; messageCount: number; requester: { email: string } }

async function ticketOf(requester: string, count = 1): Promise<Ticket> {
  return eventually(async () => {
    const { body } = await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(requester)}`);
    expect(body.items).toHaveLength(count);
    return body.items[0];
  });
}
const detail = async (id: string) => (await agent.get(`/v1/tickets/${id}`)).body;
const outbox = async (to: string) => (await agent.get(`/v1/dev/outbox?to=${encodeURIComponent(to)}`)).body.items as { raw: string }[];
async function suspendedFrom(from: string) {
  const items = [];
  let cursor: string | null = null;
  do {
    const { body } = await agent.get(`/v1/suspended-mail?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items.filter((i: { from: string | null }) => i.from === from.toLowerCase());
}

/** A new ticket by mail and its confirmation mail (parsed), the base of the threading tests. */
async function mailTicket(subject = 'Printer on fire') {
  const from = unique('carla');
  const info = await send({
    from: `Carla Customer <${from}>`, to: support, subject,
    text: 'Smoke comes out of tray 2.\n\nOn Mon, 1 Jan 2026, Bob <bob@example.com> wrote:\n> old quoted text\n> more\n\n-- \nCarla\nAcme Inc.',
  });
  const ticket = await ticketOf(from);
  const confirmation = await eventually(async () => {
    const [mail] = await outbox(from);
    expect(mail).toBeDefined();
    return simpleParser(mail.raw);
  });
  return { from, ticket, messageId: info.messageId, confirmation };
}

// Most tests wait for mail ingestion (a queue) and then a notifier mail (the bus) in turn.
describe('email channel over real SMTP', { timeout: 4 * EVENT_WAIT_MS }, () => {
  it('opens a ticket for a new sender: requester, subject, visible text; raw mail kept', async () => {
    const { from, ticket } = await mailTicket('Printer on fire');
    expect(ticket).toMatchObject({ subject: 'Printer on fire', requester: { email: from }, messageCount: 1 });
    const { messages, channel } = await detail(ticket.id);
    expect(channel).toBe('email');
    expect(messages[0].body).toBe('Smoke comes out of tray 2.');
    expect(messages[0].mail.rawObjectKey).toMatch(/^inbound\//);
  });

  it('sends a threaded confirmation: Message-ID, In-Reply-To, References, reply-token Reply-To, number in the subject', async () => {
    const { ticket, messageId, confirmation } = await mailTicket('Thread check');
    expect(confirmation.subject).toBe(`[${ticket.number}] We received your request: Thread check`);
    expect(confirmation.messageId).toMatch(/^<hd\..+@demo\.helpdesk\.local>$/);
    expect(confirmation.inReplyTo).toBe(messageId);
    expect([confirmation.references].flat()).toEqual([messageId]);
    expect(confirmation.replyTo?.value[0].address).toBe(`support+t.${ticket.id.toLowerCase()}@demo.helpdesk.local`);
    expect(confirmation.headers.get('auto-submitted')).toBe('auto-replied');

    // An agent's public reply is mailed on the same thread; an internal note is not.
    await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Internal: check fuser', internal: true });
    await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'We replaced the fuser.' });
    const reply = await eventually(async () => {
      const mails = await outbox(ticket.requester.email);
      expect(mails).toHaveLength(2);
      return simpleParser(mails[1].raw);
    });
    expect(reply.subject).toBe(`[${ticket.number}] Re: Thread check`);
    expect(reply.text).toContain('We replaced the fuser.');
    expect(reply.text).not.toContain('fuser\n\nInternal');
    expect(reply.inReplyTo).toBe(confirmation.messageId);
    expect([reply.references].flat()).toEqual([messageId, confirmation.messageId]);
    expect(reply.headers.get('auto-submitted')).toBeUndefined();
  });

  it('mails the requester when the ticket is resolved, threaded and marked automatic', async () => {
    const { ticket, confirmation } = await mailTicket('Resolve me');
    const current = await agent.get(`/v1/tickets/${ticket.id}`);
    const resolved = await agent.patch(`/v1/tickets/${ticket.id}`, { status: 'resolved', resolution: 'Replaced the toner.' }, { 'if-match': current.headers.get('etag')! });
    expect(resolved.status).toBe(200);
    const mail = await eventually(async () => {
      const mails = await outbox(ticket.requester.email);
      expect(mails).toHaveLength(2);
      return simpleParser(mails[1].raw);
    });
    expect(mail.subject).toBe(`[${ticket.number}] Resolved: Resolve me`);
    expect(mail.text).toContain('Replaced the toner.');
    expect(mail.inReplyTo).toBe(confirmation.messageId);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('threads a reply to the reply-token address, whatever its headers say', async () => {
    const { from, ticket } = await mailTicket('Token reply');
    await send({ from, to: `support+t.${ticket.id.toLowerCase()}@demo.helpdesk.local`, subject: 'no threading headers', text: 'Here is more.' });
    await eventually(async () => expect((await detail(ticket.id)).messages.map((m: { body: string }) => m.body)).toEqual(['Smoke comes out of tray 2.', 'Here is more.']));
  });

  it('threads a reply by In-Reply-To to the mail we sent', async () => {
    const { from, ticket, confirmation } = await mailTicket('In-Reply-To reply');
    await send({ from, to: support, subject: 'Re: whatever', inReplyTo: confirmation.messageId, references: [confirmation.messageId!], text: 'Still smoking.\n\n> quoted confirmation' });
    await eventually(async () => expect((await detail(ticket.id)).messages.at(-1).body).toBe('Still smoking.'));
    expect((await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(from)}`)).body.items).toHaveLength(1);
  });

  it('attaches by subject number from the requester, but never from a stranger', async () => {
    const { from, ticket } = await mailTicket('Number reply');
    await send({ from, to: support, subject: `Re: [${ticket.number}] Number reply`, text: 'From the requester.' });
    await eventually(async () => expect((await detail(ticket.id)).messageCount).toBe(2));
    const stranger = unique('mallory');
    await send({ from: stranger, to: support, subject: `Re: [${ticket.number}] Number reply`, text: 'Let me read this ticket.' });
    const own = await ticketOf(stranger);
    expect(own.id).not.toBe(ticket.id);
    expect((await detail(ticket.id)).messageCount).toBe(2);
  });

  it('suspends an auto-reply: no ticket, no mail back', async () => {
    const from = unique('away');
    await send({ from, to: support, subject: 'Out of office: Printer', text: 'I am away until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
    const [item] = await eventually(async () => {
      const items = await suspendedFrom(from);
      expect(items).toHaveLength(1);
      return items;
    });
    expect(item).toMatchObject({ reason: 'auto-reply', subject: 'Out of office: Printer', recipients: [support] });
    expect(item.detail).toMatch(/auto-submitted/);
    expect((await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(from)}`)).body.items).toEqual([]);
    expect(await outbox(from)).toEqual([]);
  });

  it('records a bounce of our mail on its ticket as a delivery failure, and suspends the bounce', async () => {
    const { from, ticket, confirmation } = await mailTicket('Will bounce');
    const boundary = `b-${randomUUID()}`;
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.mail-e2e.example>', `To: ${support}`,
      'Subject: Undelivered Mail Returned to Sender', `Message-ID: <${randomUUID()}@mx.mail-e2e.example>`,
      'MIME-Version: 1.0', `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`, '',
      `--${boundary}`, 'Content-Type: text/plain', '', `Your mail to <${from}> could not be delivered.`, '',
      `--${boundary}`, 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.mail-e2e.example', '',
      `Final-Recipient: rfc822; ${from}`, 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 user unknown', '',
      `--${boundary}`, 'Content-Type: text/rfc822-headers', '', `Message-ID: ${confirmation.messageId}`, `To: ${from}`, 'Subject: hi', '',
      `--${boundary}--`, '',
    ].join('\r\n');
    await sendRaw('', [support], dsn);
    const events = await eventually(async () => {
      const { body } = await agent.get(`/v1/dev/events?ticketId=${ticket.id}&type=ticket.delivery.failed`);
      expect(body.items).toHaveLength(1);
      return body.items;
    });
    expect(events[0].detail).toMatchObject({ internal: true, data: { failedRecipients: [from], status: '5.1.1' } });
    const bounces = (await agent.get('/v1/suspended-mail?reason=bounce&limit=100')).body.items.filter((i: { ticketId: string }) => i.ticketId === ticket.id);
    expect(bounces).toHaveLength(1);
    expect((await detail(ticket.id)).messageCount).toBe(1);
  });

  it('has one effect when the same mail is delivered twice', async () => {
    const from = unique('twice');
    const raw = [`From: ${from}`, `To: ${support}`, 'Subject: Sent twice', `Message-ID: <${randomUUID()}@mail-e2e.example>`, '', 'Once only, please.', ''].join('\r\n');
    await sendRaw(from, [support], raw);
    await sendRaw(from, [support], raw);
    const ticket = await ticketOf(from);
    // The second copy is processed too: once a later mail from the same sender lands, both were.
    await send({ from, to: `support+t.${ticket.id.toLowerCase()}@demo.helpdesk.local`, subject: 'x', text: 'marker' });
    await eventually(async () => expect((await detail(ticket.id)).messages.map((m: { body: string }) => m.body)).toEqual(['Once only, please.', 'marker']));
    expect((await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(from)}`)).body.items).toHaveLength(1);
  });

  it('stores a 10 MB attachment and an inline image as the message\'s attachments, downloaded like API uploads', async () => {
    const from = unique('big');
    const big = randomBytes(10 * 1024 * 1024);
    const logo = Buffer.from('89504e470d0a1a0a', 'hex');
    await send({
      from, to: support, subject: 'Big file', text: 'See the log.', html: '<p>See the log.</p><img src="cid:logo@x">',
      attachments: [
        { filename: 'server.log.gz', content: big, contentType: 'application/gzip' },
        { filename: 'logo.png', content: logo, contentType: 'image/png', cid: 'logo@x' },
        { filename: 'setup.exe', content: Buffer.from('MZ\x90\x00'), contentType: 'application/octet-stream' },
      ],
    });
    const ticket = await ticketOf(from);
    const { messages } = await detail(ticket.id);
    const byName = (name: string) => messages[0].attachments.find((a: { filename: string }) => a.filename === name);
    expect(messages[0].attachments).toHaveLength(2);
    expect(byName('server.log.gz')).toEqual({ id: expect.any(String), filename: 'server.log.gz', contentType: 'application/gzip', size: big.length });
    expect(byName('logo.png')).toMatchObject({ contentType: 'image/png', inline: true, contentId: 'logo@x' });
    const fetchFile = async (id: string) => {
      const res = await fetch(`${runtime.httpUrl}/v1/tickets/${ticket.id}/attachments/${id}`, { headers: { authorization: `Bearer ${runtime.tokens.agent}` }, redirect: 'manual' });
      expect(res.status).toBe(302);
      const file = await fetch(res.headers.get('location')!);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
      return Buffer.from(await file.arrayBuffer());
    };
    expect((await fetchFile(byName('server.log.gz').id)).equals(big)).toBe(true);
    expect((await fetchFile(byName('logo.png').id)).equals(logo)).toBe(true);
    expect(messages[0].html).toContain(`<img src="/v1/tickets/${ticket.id}/attachments/${byName('logo.png').id}"`);
    expect(messages[0].mail.attachments).toEqual([expect.objectContaining({ filename: 'setup.exe', rejected: 'executable content' })]);
    expect(messages[0].mail.attachments[0].objectKey).toBeUndefined();
  });

  it('suspends malformed MIME with a clear reason, keeps it, and the queue goes on', async () => {
    const from = unique('broken');
    await sendRaw(from, [support], '\r\n\r\nno header section at all\r\n');
    const [item] = await eventually(async () => {
      const items = await suspendedFrom(from);
      expect(items).toHaveLength(1);
      return items;
    });
    expect(item.reason).toBe('malformed');
    expect(item.detail).toMatch(/no-header-section/);
    expect(readFileSync(path.join(runtime.dataDir, 'objects', item.rawObjectKey), 'utf8')).toContain('no header section');
    await send({ from, to: support, subject: 'After the broken one', text: 'Works.' });
    expect((await ticketOf(from)).subject).toBe('After the broken one');
  });

  it('refuses unknown recipients at RCPT TO and routes by the envelope, not To:', async () => {
    await expect(send({ from: unique('x'), to: 'nobody@demo.helpdesk.local', subject: 'x', text: 'y' })).rejects.toMatchObject({ responseCode: 550 });
    const from = unique('bcc');
    await send({ from, to: 'someone@elsewhere.example', bcc: support, subject: 'Bcc to support', text: 'Hidden recipient.' });
    expect((await ticketOf(from)).subject).toBe('Bcc to support');
  });

  it('lets an agent recover a suspended mail into a ticket and delete another; customers and other orgs cannot', async () => {
    const from = unique('vacation');
    await send({ from, to: support, subject: 'Automatic reply: hello', text: 'Away.', headers: { 'X-Autoreply': 'yes' } });
    const [item] = await eventually(async () => {
      const items = await suspendedFrom(from);
      expect(items).toHaveLength(1);
      return items;
    });
    expect((await api(runtime.tokens.customer).get('/v1/suspended-mail')).status).toBe(403);
    expect((await api(runtime.otherOrg.tokens.agent).post(`/v1/suspended-mail/${item.id}/recover`)).status).toBe(404);
    expect((await agent.get('/v1/suspended-mail?cursor=bm90LW91cnM')).status).toBe(400);
    const recovered = await agent.post(`/v1/suspended-mail/${item.id}/recover`);
    expect(recovered.status).toBe(201);
    expect((await ticketOf(from)).id).toBe(recovered.body.ticketId);
    expect(await suspendedFrom(from)).toEqual([]);
    // The notifier has handled the recovered ticket's creation (the dev event log lists an event
    // once every target took it): only now does an empty outbox mean no mail.
    await eventDelivered(agent, recovered.body.ticketId, 'ticket.created');
    expect(await outbox(from)).toEqual([]); // no automatic confirmation to an auto-responder

    const spamFrom = unique('spam');
    await send({ from: spamFrom, to: support, subject: 'Win', text: 'Prize', headers: { 'X-Local-SES-Verdicts': 'spam=FAIL' } });
    const [spam] = await eventually(async () => {
      const items = await suspendedFrom(spamFrom);
      expect(items).toHaveLength(1);
      return items;
    });
    expect(spam.reason).toBe('spam');
    const del = await fetch(`${runtime.httpUrl}/v1/suspended-mail/${spam.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${runtime.tokens.agent}` } });
    expect(del.status).toBe(204);
    expect(await suspendedFrom(spamFrom)).toEqual([]);
    const again = await fetch(`${runtime.httpUrl}/v1/suspended-mail/${spam.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${runtime.tokens.agent}` } });
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
  });

  it('routes mail for the other organization\'s mailbox to it alone', async () => {
    const from = unique('other');
    await send({ from, to: runtime.otherSupportAddress as string, subject: 'For the other org', text: 'Hello other.' });
    const other = api(runtime.otherOrg.tokens.agent);
    await eventually(async () => expect((await other.get(`/v1/tickets?requesterEmail=${encodeURIComponent(from)}`)).body.items).toHaveLength(1));
    expect((await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(from)}`)).body.items).toEqual([]);
  });

  it('lets an admin add a mailbox (the address then takes mail) that no other organization can claim', async () => {
    const address = `help-${randomUUID().slice(0, 8)}@demo.helpdesk.local`;
    const admin = api(runtime.tokens.admin);
    const put = await admin.put(`/v1/mailboxes/${address}`, { displayName: 'Help Desk', senderHourlyLimit: 10, templates: { created: { subject: 'Got it: {{subject}}' } } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ address, displayName: 'Help Desk', spamPolicy: 'suspend', senderHourlyLimit: 10 });
    expect((await admin.get('/v1/mailboxes')).body.items.map((m: { address: string }) => m.address)).toContain(address);
    const taken = await api(runtime.otherOrg.tokens.admin).put(`/v1/mailboxes/${address}`, {});
    expect(taken.status).toBe(409);
    expect(taken.body.type).toMatch(/mailbox-taken$/);
    expect((await agent.put(`/v1/mailboxes/${address}`, {})).status).toBe(403);
    expect((await admin.put('/v1/mailboxes/not-an-address', {})).status).toBe(400);
    expect((await admin.put(`/v1/mailboxes/${address.replace('@', '+x@')}`, {})).status).toBe(422);

    const from = unique('newbox');
    await send({ from, to: address, subject: 'Via the new box', text: 'Hi.' });
    expect((await ticketOf(from)).subject).toBe('Via the new box');
    const confirmation = await eventually(async () => {
      const [mail] = await outbox(from);
      expect(mail).toBeDefined();
      return simpleParser(mail.raw);
    });
    expect(confirmation.from?.value[0]).toEqual({ name: 'Help Desk', address });
    expect(confirmation.subject).toMatch(/^\[TKT-\d{4}-\d{6,}\] Got it: Via the new box$/);
    expect(confirmation.replyTo?.value[0].address).toMatch(new RegExp(`^help-[0-9a-f]{8}\\+t\\.[0-9a-z]{26}@demo\\.helpdesk\\.local$`));
  });

  it('answers bad suspended-mail requests with problems', async () => {
    for (const [path, status] of [['/v1/suspended-mail?limit=1000', 400], ['/v1/suspended-mail?reason=nonsense', 400], ['/v1/suspended-mail?extra=1', 400]] as const) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await agent.post('/v1/suspended-mail/not%20an%20id/recover')).status).toBe(400);
    expect((await agent.post('/v1/suspended-mail/01JZZZZZZZZZZZZZZZZZZZZZZZ/recover')).status).toBe(404);
    expect((await api().get('/v1/suspended-mail')).status).toBe(401);
  });

  itWithCorpora('takes real corpus mails (Zammad, Chatwoot) through SMTP: each becomes a ticket or a suspended mail', async () => {
    const files = [
      ...['mail001.box', 'mail010.box', 'mail020.box', 'mail030.box', 'mail040.box'].map((f) => path.join(CORPUS, 'zammad', f)),
      ...['in_reply_to.eml', 'auto_reply.eml', 'bounced_gmail.eml', 'mail_with_inline_images.eml'].map((f) => path.join(CORPUS, 'chatwoot', f)),
    ].filter((f) => readdirSync(path.dirname(f)).includes(path.basename(f)));
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      const raw = readFileSync(file);
      const parsed = await simpleParser(raw);
      const messageId = parsed.messageId?.replace(/^<|>$/g, '');
      const from = parsed.from?.value[0]?.address?.toLowerCase();
      await sendRaw(unique('corpus'), [support], raw);
      await eventually(async () => {
        const suspended = (await agent.get('/v1/suspended-mail?limit=100')).body.items.some((i: { messageId: string }) => messageId && i.messageId === messageId);
        const tickets = from ? (await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(from)}`)).body.items : [];
        expect(suspended || tickets.length > 0, path.basename(file)).toBe(true);
      }, EVENT_WAIT_MS);
    }
  }, 10 * EVENT_WAIT_MS);
});
