import { describe, expect, it } from 'vitest';
import { classifyMail, parseMail, type MailClassification } from '../../../../functions/domain/email';
import { allMails, corpusJson } from './corpus';

/**
 * Every corpus mail that is not `normal`, and why. Everything else must classify as normal,
 * including zammad/mail035.box: spam sent with a null Return-Path but no other sign of a
 * bounce (a person's sender address, no report, an ordinary subject).
 */
const NOT_NORMAL: Record<string, Partial<MailClassification> & Record<string, unknown>> = {
  // MAILER-DAEMON sender, Return-Path <>, "Undelivered Mail Returned to Sender", no report part
  'zammad/mail052.box': { kind: 'bounce', reason: 'mailer-daemon' },
  // Postfix DSN (multipart/report) returning the original message
  'zammad/mail055.box': {
    kind: 'bounce', reason: 'delivery-report',
    originalMessageId: '20170526150141.232.13312@example.zammad.loc', failedRecipients: ['ticket-bounce-trigger2@example.com'],
  },
  // Postfix DSN whose returned message/rfc822 part is empty: no original Message-ID to find
  'zammad/mail092.box': { kind: 'bounce', reason: 'delivery-report', failedRecipients: ['receiver@example.org'] },
  // ServiceNow notification: Auto-Submitted: auto-generated, Precedence: bulk; a machine
  // notification opens a ticket but gets no automatic answer
  'zammad/mail090.box': { kind: 'bulk', reason: 'auto-generated' },
  'chatwoot/auto_reply.eml': { kind: 'auto-reply', reason: 'x-autoreply' },
  // Gmail DSN; Chatwoot's spec flags it as an auto reply
  'chatwoot/bounced_gmail.eml': {
    kind: 'bounce', reason: 'delivery-report',
    originalMessageId: 'conversation/93775311-9416-4428-964b-862001f8a8b2/messages/27855337@gmail.com',
    failedRecipients: ['alex.jones@fictionalcorp.com'],
  },
  // carries Auto-Submitted: auto-replied, X-Autoreply: yes and Precedence: bulk
  'chatwoot/non_utf_encoded_mail.eml': { kind: 'auto-reply', reason: 'auto-submitted' },
};

// Chatwoot's own verdict where it gives one (it counts bounces as auto replies).
const chatwoot = corpusJson<{ cases: Record<string, { auto_reply?: boolean } | null> }>('chatwoot', 'expected.json').cases;
const verdict = (name: string) => (name.startsWith('chatwoot/') ? chatwoot[name.slice('chatwoot/'.length)]?.auto_reply : undefined);

describe('classifyMail on the corpus', () => {
  it.each(allMails().map(({ name, raw }) => [name, raw] as const))('%s', async (name, raw) => {
    const classification = classifyMail(await parseMail(raw));
    if (verdict(name) !== undefined) expect(['auto-reply', 'bounce'].includes(classification.kind)).toBe(verdict(name));
    expect(classification).toMatchObject(NOT_NORMAL[name] ?? (verdict(name) ? {} : { kind: 'normal' }));
    if (classification.kind !== 'normal') expect(classification.detail).toMatch(/\S/);
  });
});

const mail = (headers: string, body = 'Hello') => parseMail(Buffer.from(`${headers.trim()}\r\n\r\n${body}\r\n`));
const BASE = 'From: Jane <jane@example.com>\r\nTo: support@example.org\r\nMessage-ID: <1@example.com>\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000';

describe('classifyMail on headers', () => {
  it.each([
    ['Auto-Submitted: auto-replied', 'auto-submitted'],
    ['Auto-Submitted: auto-generated (vacation)\r\nIn-Reply-To: <0@example.org>', 'auto-submitted'],
    ['X-Autoreply: yes', 'x-autoreply'],
    ['X-Autorespond: Out of office', 'x-autorespond'],
    ['X-Autoreply-From: jane@example.com', 'x-autoreply'],
    ['X-Mail-Autoreply: yes', 'x-autoreply'],
    ['Precedence: auto_reply', 'precedence'],
    ['Auto-Submitted: auto-replied\r\nPrecedence: bulk\r\nList-Unsubscribe: <mailto:u@example.com>', 'auto-submitted'],
  ])('%s is an auto-reply (%s)', async (header, reason) => {
    expect(classifyMail(await mail(`${BASE}\r\nSubject: Hi\r\n${header}`))).toMatchObject({ kind: 'auto-reply', reason });
  });

  it.each([
    ['Precedence: bulk\r\nList-Unsubscribe: <https://news.example.com/u/1>', 'precedence'],
    ['Precedence: junk', 'precedence'],
    ['Precedence: list', 'precedence'],
    ['List-Id: <users.lists.example.org>', 'list'],
    ['List-Unsubscribe: <mailto:leave@example.com>', 'list'],
    // JIRA and monitoring notifications
    ['Auto-Submitted: auto-generated\r\nX-JIRA-FingerPrint: 1f2e', 'auto-generated'],
    ['Auto-Submitted: auto-notified', 'auto-generated'],
    ['X-Auto-Response-Suppress: All', 'auto-response-suppress'],
    ['X-Auto-Response-Suppress: DR, OOF, AutoReply', 'auto-response-suppress'],
  ])('%s is bulk or machine mail: a ticket without automatic answers (%s)', async (header, reason) => {
    expect(classifyMail(await mail(`${BASE}\r\nSubject: [JIRA] (OPS-1) Disk full\r\n${header}`))).toMatchObject({ kind: 'bulk', reason });
  });

  it.each(['Auto-Submitted: no', 'Precedence: first-class', 'X-Auto-Response-Suppress: DR, RN, NRN', 'X-Autoreply: no'])(
    '%s is normal',
    async (header) => expect(classifyMail(await mail(`${BASE}\r\nSubject: Hi\r\n${header}`))).toEqual({ kind: 'normal' }),
  );

  it.each([
    'Automatic reply: Your ticket',
    'Out of Office: Re: invoice',
    'Out of office until Monday',
    'AutoReply: received',
    '[Auto-Reply] Thanks',
    'Abwesenheitsnotiz: Rechnung',
    'Automatische Antwort: Rechnung',
    'Réponse automatique : facture',
    'Respuesta automática: factura',
    'Risposta automatica: fattura',
    'Automatisch antwoord: factuur',
    'Autosvar: faktura',
    'Absence: Re: facture',
    '=?UTF-8?B?6Ieq5Yqo5Zue5aSNOiDlj5Hnpag=?=', // 自动回复: 发票
  ])('subject "%s" is an auto-reply', async (subject) => {
    expect(classifyMail(await mail(`${BASE}\r\nSubject: ${subject}`))).toMatchObject({ kind: 'auto-reply', reason: 'vacation-subject' });
  });

  it.each([
    'Absence request for Monday',
    'Re: out of office policy',
    'Question about automatic replies',
    'Undelivered package',
    'Delivery failed for my order #123',
  ])('subject "%s" from a person is normal', async (subject) => {
    expect(classifyMail(await mail(`${BASE}\r\nSubject: ${subject}`))).toEqual({ kind: 'normal' });
  });
});

const dsn = (action: string, original: string) => `From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: support@example.org
Subject: Delivery Status Notification
Message-ID: <dsn-1@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

Your message could not be delivered.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; Customer@Example.com
Action: ${action}
Status: ${action === 'failed' ? '5.1.1' : '4.4.7'}
Diagnostic-Code: smtp; 550 5.1.1 user unknown

--b1
${original}
--b1--
`;

describe('classifyMail on bounces', () => {
  it('reads a DSN returning only the headers (text/rfc822-headers)', async () => {
    const raw = dsn('failed', 'Content-Type: text/rfc822-headers\n\nFrom: support@example.org\nMessage-ID: <ticket-42.abc@example.org>\nSubject: Re: [#42]\n');
    expect(classifyMail(await parseMail(Buffer.from(raw)))).toEqual({
      kind: 'bounce',
      reason: 'delivery-report',
      detail: 'delivery failed for customer@example.com (status 5.1.1): 550 5.1.1 user unknown',
      originalMessageId: 'ticket-42.abc@example.org',
      failedRecipients: ['customer@example.com'],
    });
  });

  it('tells a delay warning from a failure', async () => {
    const raw = dsn('delayed', 'Content-Type: message/rfc822\n\nMessage-ID: <ticket-43@example.org>\nSubject: x\n\nbody\n');
    const result = classifyMail(await parseMail(Buffer.from(raw)));
    expect(result).toMatchObject({ kind: 'bounce', reason: 'delivery-delayed', originalMessageId: 'ticket-43@example.org' });
    expect(result).not.toHaveProperty('failedRecipients');
  });

  it('reads an Exim bounce with X-Failed-Recipients and the original headers pasted into the text', async () => {
    const raw = `From: Mail Delivery System <Mailer-Daemon@mx.example.net>\nTo: support@example.org\nSubject: Mail delivery failed: returning message to sender\nX-Failed-Recipients: gone@example.com\n\nThis message was created automatically by mail delivery software.\n\n------ This is a copy of the message, including all the headers. ------\n\nMessage-Id: <ticket-44@example.org>\nSubject: Re: help\n\nbody\n`;
    expect(classifyMail(await parseMail(Buffer.from(raw)))).toMatchObject({
      kind: 'bounce', reason: 'failed-recipients', originalMessageId: 'ticket-44@example.org', failedRecipients: ['gone@example.com'],
    });
  });

  it('uses the SES envelope: a null MAIL FROM plus a bounce subject is a bounce', async () => {
    const parsed = await mail(`From: notifications@mx.example.net\r\nTo: support@example.org\r\nSubject: Undeliverable: Re: help`);
    expect(classifyMail(parsed)).toEqual({ kind: 'normal' });
    expect(classifyMail(parsed, { mailFrom: '' })).toMatchObject({ kind: 'bounce', reason: 'bounce-subject' });
  });

  it('does not take a person writing from postmaster@ for a bounce', async () => {
    expect(classifyMail(await mail(`From: postmaster@example.com\r\nTo: support@example.org\r\nSubject: Question`))).toEqual({ kind: 'normal' });
  });
});
