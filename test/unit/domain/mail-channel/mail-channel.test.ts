import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { replyAddressOf, splitAddress, TICKET_NUMBER_IN_SUBJECT, ticketIdOfToken } from '../../../../functions/domain/mail-channel/addresses';
import { composeNotification } from '../../../../functions/domain/mail-channel/compose-notification';
import { sesNotificationOf } from '../../../../functions/handlers/sqs/ses-notification';
import { notificationKindOf } from '../../../../functions/domain/mail-channel/notify-by-mail';
import { storeAttachments } from '../../../../functions/domain/mail-channel/store-attachments';
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

  it('mails public staff replies, confirmations of mail tickets and resolution only', () => {
    const base = { version: '1', id: '01X', orgId: 'o', ticketId: 't', actor: { id: 'a', role: 'agent' }, ticketVersion: 2, occurredAt: '', internal: false,
      ticket: { number: 'N', subject: 's', status: 'open', priority: 'low', assigneeId: null, requesterEmail: 'c@x', escalationTier: 0, channel: 'email', updatedAt: '', version: 2 } } as const;
    expect(notificationKindOf({ ...base, type: 'ticket.message.added', data: { messageId: 'm', authorRole: 'agent' } } as never)).toBe('reply');
    expect(notificationKindOf({ ...base, type: 'ticket.message.added', data: { messageId: 'm', authorRole: 'customer' } } as never)).toBeUndefined();
    expect(notificationKindOf({ ...base, type: 'ticket.note.added', internal: true, data: { messageId: 'm' } } as never)).toBeUndefined();
    expect(notificationKindOf({ ...base, type: 'ticket.created', data: { number: 'N', priority: 'low', channel: 'email' } } as never)).toBe('created');
    expect(notificationKindOf({ ...base, type: 'ticket.created', ticket: { ...base.ticket, channel: 'api' }, data: {} } as never)).toBeUndefined();
    expect(notificationKindOf({ ...base, type: 'ticket.status.changed', changes: { status: { from: 'open', to: 'resolved' } }, data: {} } as never)).toBe('resolved');
    expect(notificationKindOf({ ...base, type: 'ticket.status.changed', changes: { status: { from: 'new', to: 'open' } }, data: {} } as never)).toBeUndefined();
  });
});

describe('storeAttachments', () => {
  it('stores under the ticket, refuses executables by name, type or content, and oversized files', async () => {
    const put: string[] = [];
    const objects = { put: async (key: string) => void put.push(key) };
    const file = (filename: string, content: Buffer, contentType = 'application/octet-stream') =>
      ({ filename, contentType, size: content.length, inline: false, checksum: '', content });
    const stored = await storeAttachments(objects, { orgId: 'o', ticketId: 'T', folder: 'F' }, [
      file('report 1.pdf', Buffer.from('%PDF'), 'application/pdf'),
      file('run.exe', Buffer.from('hi')),
      file('innocent.txt', Buffer.from('MZ\x90\x00')),
      { ...file('huge.bin', Buffer.from('x')), size: 26 * 1024 * 1024 },
    ]);
    expect(put).toEqual(['tickets/o/T/F/1-report_1.pdf']);
    expect(stored.map((s) => s.rejected)).toEqual([undefined, 'executable content', 'executable content', expect.stringContaining('larger')]);
  });
});
