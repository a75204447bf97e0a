import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { replyAddressOf, splitAddress, TICKET_NUMBER_IN_SUBJECT, ticketIdOfToken } from '../../../../functions/domain/mail-channel/addresses';
import { composeNotification } from '../../../../functions/domain/mail-channel/compose-notification';
import { sesNotificationOf } from '../../../../functions/handlers/sqs/ses-notification';
import { notificationKindOf } from '../../../../functions/domain/mail-channel/notify-by-mail';
import { htmlWithInlineImages } from '../../../../functions/domain/mail-channel/store-attachments';
import { render, templateFor } from '../../../../functions/domain/mail-channel/templates';
import { verdictSuspension } from '../../../../functions/domain/mail-channel/verdicts';
import { SesReceiptNotification } from '../../../../schemas/email';

const AWS = path.resolve(__dirname, '../../../../../shared/corpora/aws');

describe('addresses', () => {
  it('splits the reply token off a plus address, case-insensitively', () => {
    expect(splitAddress('Support+t.01jabcdefghjkmnpqrstvwxyz0@Demo.Example')).toEqual({ base: 'support@demo.example', token: '01jabcdefghjkmnpqrstvwxyz0' });
    expect(splitAddress('support+sales@demo.example')).toEqual({ base: 'support@demo.example', token: undefined });
    expect(splitAddress('<support@demo.example>')).toEqual({ base: 'support@demo.example' });
    expect(ticketIdOfToken('01jabc')).toBe('01JABC');
    expect(replyAddressOf('support@demo.example', '01JABC')).toBe('support+t.01jabc@demo.example');
  });

  it('finds the ticket number in a subject', () => {
    expect(TICKET_NUMBER_IN_SUBJECT.exec('Re: AW: [TKT-2026-000123] Printer')?.[1]).toBe('TKT-2026-000123');
    expect(TICKET_NUMBER_IN_SUBJECT.exec('TKT-2026-000123 without brackets')).toBeNull();
  });
});

describe('the SES notification as SQS receives it', () => {
  const ses = JSON.parse(readFileSync(path.join(AWS, 'aws-lambda-go/ses-sns-event.json'), 'utf8')).Records[0].ses;
  const s3Receipt = { ...ses.receipt, action: { type: 'S3', topicArn: 'arn:aws:sns:eu-west-1:1:t', bucketName: 'mail', objectKeyPrefix: 'inbound/', objectKey: 'inbound/d6iitobk75ur44p8kdnnp7g2n800' } };
  const message = { notificationType: 'Received', mail: ses.mail, receipt: s3Receipt };
  const sqsBody = JSON.stringify({ Type: 'Notification', MessageId: 'm-1', TopicArn: 'arn:aws:sns:eu-west-1:1:t', Subject: 'Amazon SES Email Receipt Notification', Message: JSON.stringify(message), Timestamp: '2015-09-11T20:32:34.000Z' });

  it('unwraps the SNS envelope (raw delivery off) and reads the real SES fields', () => {
    const parsed = SesReceiptNotification.parse(sesNotificationOf(sqsBody));
    expect(parsed.receipt.recipients).toEqual(['recipient@example.com']);
    expect(parsed.receipt.action).toMatchObject({ type: 'S3', bucketName: 'mail', objectKey: 'inbound/d6iitobk75ur44p8kdnnp7g2n800' });
    expect(parsed.mail.commonHeaders?.messageId).toBe('<61967230-7A45-4A9D-BEC9-87CBCF2211C9@example.com>');
    expect(parsed.receipt.dmarcVerdict?.status).toBe('PASS');
  });

  it('accepts a bare notification (raw delivery on) too', () => {
    expect(SesReceiptNotification.safeParse(sesNotificationOf(JSON.stringify(message))).success).toBe(true);
  });

  it('applies verdicts: virus always, spam and DMARC by the mailbox policy', () => {
    const suspend = { spamPolicy: 'suspend', dmarcPolicy: 'suspend' } as const;
    const accept = { spamPolicy: 'accept', dmarcPolicy: 'accept' } as const;
    expect(verdictSuspension(s3Receipt, suspend)).toBeUndefined();
    expect(verdictSuspension({ ...s3Receipt, virusVerdict: { status: 'FAIL' } }, accept)?.reason).toBe('virus');
    expect(verdictSuspension({ ...s3Receipt, spamVerdict: { status: 'FAIL' } }, suspend)?.reason).toBe('spam');
    expect(verdictSuspension({ ...s3Receipt, spamVerdict: { status: 'FAIL' } }, accept)).toBeUndefined();
    expect(verdictSuspension({ ...s3Receipt, dmarcVerdict: { status: 'FAIL' } }, suspend)?.detail).toContain('reject');
    expect(verdictSuspension({ ...s3Receipt, spamVerdict: { status: 'GRAY' } }, suspend)).toBeUndefined();
  });
});

describe('outbound composition', () => {
  it('threads, sets Reply-To and the number, and marks automatic mail (RFC 3834)', async () => {
    const raw = await composeNotification({
      kind: 'created', messageId: 'hd.1@demo.example', from: { name: 'Demo Support', address: 'support@demo.example' },
      to: 'carla@example.com', replyTo: 'support+t.01abc@demo.example', thread: ['a@x', 'b@y'],
      ticket: { number: 'TKT-2026-000007', subject: 'Grüße <b>', requesterName: 'Carla' }, date: new Date('2026-01-01T00:00:00Z'),
      answersMail: true,
    });
    const mail = await simpleParser(raw);
    expect(mail.messageId).toBe('<hd.1@demo.example>');
    expect(mail.inReplyTo).toBe('<b@y>');
    expect(mail.references).toEqual(['<a@x>', '<b@y>']);
    expect(mail.replyTo?.text).toBe('support+t.01abc@demo.example');
    expect(mail.subject).toBe('[TKT-2026-000007] We received your request: Grüße <b>');
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.text).toContain('Hello Carla');
    expect(mail.html).toContain('TKT-2026-000007');
    expect(mail.html).not.toContain('<b>');
  });

  it('uses per-org template overrides and fills placeholders', () => {
    expect(templateFor('reply', { reply: { subject: 'Antwort: {{subject}}' } }).subject).toBe('Antwort: {{subject}}');
    expect(templateFor('reply', undefined).text).toContain('{{body}}');
    expect(render('{{name}}, {{unknown}}x', { name: 'A' })).toBe('A, x');
  });

  it('may mail public staff replies, confirmations, resolution, the auto-close warning and the survey; nothing else', () => {
    const base = { version: '1', id: '01X', orgId: 'o', ticketId: 't', actor: { id: 'a', role: 'agent' }, ticketVersion: 2, occurredAt: '', internal: false,
      ticket: { number: 'N', subject: 's', status: 'open', priority: 'low', assigneeId: null, requesterEmail: 'c@x', escalationTier: 0, channel: 'email', updatedAt: '', version: 2 } } as const;
    expect(notificationKindOf({ ...base, type: 'ticket.message.added', data: { messageId: 'm', authorRole: 'agent' } } as never)).toBe('reply');
    expect(notificationKindOf({ ...base, type: 'ticket.message.added', data: { messageId: 'm', authorRole: 'customer' } } as never)).toBeUndefined();
    expect(notificationKindOf({ ...base, type: 'ticket.note.added', internal: true, data: { messageId: 'm' } } as never)).toBeUndefined();
    expect(notificationKindOf({ ...base, type: 'ticket.created', data: { number: 'N', priority: 'low', channel: 'email' } } as never)).toBe('created');
    // API tickets: a candidate, decided by the organization's setting (see wantsConfirmation)
    expect(notificationKindOf({ ...base, type: 'ticket.created', ticket: { ...base.ticket, channel: 'api' }, data: {} } as never)).toBe('created');
    expect(notificationKindOf({ ...base, type: 'ticket.message.added', data: { messageId: 'm', authorRole: 'system', reason: 'auto-close-warning' } } as never)).toBe('auto-close-warning');
    expect(notificationKindOf({ ...base, type: 'ticket.survey.sent', data: {} } as never)).toBe('survey');
    expect(notificationKindOf({ ...base, type: 'ticket.sla.warning', internal: true, data: { target: 'x', dueAt: '' } } as never)).toBeUndefined();
    expect(notificationKindOf({ ...base, type: 'ticket.status.changed', changes: { status: { from: 'open', to: 'resolved' } }, data: {} } as never)).toBe('resolved');
    expect(notificationKindOf({ ...base, type: 'ticket.status.changed', changes: { status: { from: 'new', to: 'open' } }, data: {} } as never)).toBeUndefined();
  });
});

describe('htmlWithInlineImages', () => {
  it('points cid: images at their attachment\'s download route and keeps unknown ones', () => {
    const html = '<p>Look</p><img src="cid:logo@x" alt="a"><img src=\'cid:OTHER\'><img src=cid:Part.1>';
    const out = htmlWithInlineImages(html, 'T1', [
      { id: 'A1', filename: 'logo.png', contentType: 'image/png', size: 3, inline: true, contentId: 'logo@x' },
      { id: 'A2', filename: 'p.png', contentType: 'image/png', size: 3, inline: true, contentId: 'part.1' },
    ]);
    expect(out).toBe('<p>Look</p><img src="/v1/tickets/T1/attachments/A1" alt="a"><img src=\'cid:OTHER\'><img src="/v1/tickets/T1/attachments/A2">');
    expect(htmlWithInlineImages(undefined, 'T1', [])).toBeUndefined();
    expect(htmlWithInlineImages('x'.repeat(300 * 1024), 'T1', [])).toBeUndefined();
  });
});
