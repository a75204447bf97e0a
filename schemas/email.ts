import * as z from 'zod';
import { Cursor, Id, Limit } from './common';

const Verdict = z.looseObject({ status: z.string() });

/**
 * The SES receipt notification (S3 action → SNS): envelope recipients, verdicts, where the raw
 * MIME was stored. Loose: SES adds fields over time.
 */
export const SesReceiptNotification = z
  .looseObject({
    notificationType: z.string().optional(),
    mail: z.looseObject({
      timestamp: z.string(),
      source: z.string().describe('The envelope MAIL FROM; empty for bounces'),
      messageId: z.string(),
      destination: z.array(z.string()).optional(),
      commonHeaders: z
        .looseObject({
          from: z.array(z.string()).optional(),
          to: z.array(z.string()).optional(),
          messageId: z.string().optional(),
          subject: z.string().optional(),
        })
        .optional(),
    }),
    receipt: z.looseObject({
      timestamp: z.string().optional(),
      recipients: z.array(z.string()).min(1),
      spamVerdict: Verdict.optional(),
      virusVerdict: Verdict.optional(),
      spfVerdict: Verdict.optional(),
      dkimVerdict: Verdict.optional(),
      dmarcVerdict: Verdict.optional(),
      dmarcPolicy: z.string().optional(),
      action: z.looseObject({
        type: z.string(),
        bucketName: z.string().optional(),
        objectKey: z.string().optional(),
        objectKeyPrefix: z.string().optional(),
        topicArn: z.string().optional(),
      }),
    }),
  })
  .meta({ id: 'SesReceiptNotification' });
export type SesReceiptNotification = z.infer<typeof SesReceiptNotification>;

/** What SNS delivers to SQS with raw delivery off: an envelope whose Message is the JSON above. */
export const SnsEnvelope = z.looseObject({
  Type: z.literal('Notification'),
  MessageId: z.string(),
  TopicArn: z.string().optional(),
  Message: z.string(),
  Timestamp: z.string().optional(),
});

export const SuspendReason = z
  .enum(['auto-reply', 'bounce', 'virus', 'spam', 'dmarc', 'rate-limited', 'malformed', 'no-sender'])
  .meta({ id: 'SuspendReason' });
export type SuspendReason = z.infer<typeof SuspendReason>;

export const SuspendedMailView = z
  .object({
    id: z.string(),
    reason: SuspendReason,
    detail: z.string(),
    from: z.string().nullable(),
    fromName: z.string().nullable(),
    subject: z.string().nullable(),
    messageId: z.string().nullable(),
    recipients: z.array(z.string()),
    rawObjectKey: z.string().describe('The raw mail as received, kept in the object store'),
    ticketId: z.string().nullable().describe('For a bounce of our mail: the ticket whose delivery failed'),
    receivedAt: z.string(),
  })
  .meta({ id: 'SuspendedMail' });
export type SuspendedMailView = z.infer<typeof SuspendedMailView>;

export const SuspendedMailList = z
  .object({ items: z.array(SuspendedMailView), nextCursor: z.string().nullable() })
  .meta({ id: 'SuspendedMailList' });

export const SuspendedMailQuery = z
  .strictObject({ limit: Limit, cursor: Cursor.optional(), reason: SuspendReason.optional() })
  .meta({ id: 'SuspendedMailQuery' });
export type SuspendedMailQuery = z.infer<typeof SuspendedMailQuery>;

export const SuspendedMailParams = z.strictObject({ suspendedId: Id });

export const RecoveredMail = z
  .object({ ticketId: z.string(), number: z.string(), reply: z.boolean().describe('Added to an existing ticket') })
  .meta({ id: 'RecoveredMail' });

export const DevOutboxQuery = z.strictObject({ to: z.string().max(254).optional() });
export const DevOutboxList = z
  .object({
    items: z.array(z.object({ id: z.string(), from: z.string(), to: z.array(z.string()), sentAt: z.string(), raw: z.string() })),
  })
  .meta({ id: 'DevOutboxList' });

const MailTemplate = z.strictObject({ subject: z.string().trim().min(1).max(250).optional(), text: z.string().trim().min(1).max(20_000).optional() });

export const MailboxAddressParams = z.strictObject({ address: z.email().max(254) });

export const PutMailboxBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(100).optional().describe('The From name of outbound mail'),
    primary: z
      .boolean()
      .optional()
      .describe('true makes this the primary mailbox (the sender of mail on tickets without a mail thread and of the weekly summary); the old primary stops being one. false on the primary is refused while other mailboxes exist'),
    spamPolicy: z.enum(['suspend', 'accept']).default('suspend').describe('Mail SES marks as spam'),
    dmarcPolicy: z.enum(['suspend', 'accept']).default('suspend').describe('Mail failing DMARC'),
    senderHourlyLimit: z.number().int().min(1).max(10_000).default(30).describe('Mails per sender per hour before the rest is suspended (loop guard)'),
    templates: z
      .strictObject({ created: MailTemplate.optional(), reply: MailTemplate.optional(), resolved: MailTemplate.optional(), closed: MailTemplate.optional() })
      .optional()
      .describe('Overrides of the notification templates; placeholders {{subject}}, {{number}}, {{name}}, {{body}}, {{resolution}}, {{signature}}'),
  })
  .meta({ id: 'PutMailboxBody' });
export type PutMailboxBody = z.infer<typeof PutMailboxBody>;

export const MailboxView = z
  .object({
    address: z.string(),
    displayName: z.string().nullable(),
    primary: z.boolean().describe('Whether this is the organization\'s primary mailbox (exactly one while it has any)'),
    spamPolicy: z.enum(['suspend', 'accept']),
    dmarcPolicy: z.enum(['suspend', 'accept']),
    senderHourlyLimit: z.number().int(),
    templates: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string().nullable().describe('null for mailboxes made before creation times were kept'),
  })
  .meta({ id: 'Mailbox' });
export const MailboxList = z.object({ items: z.array(MailboxView) }).meta({ id: 'MailboxList' });
