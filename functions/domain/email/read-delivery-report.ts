import type { MailAttachment } from './parse-mail';
import { parseMessageIds } from './message-ids';

export interface DeliveryReport {
  /** Message-ID of the mail that could not be delivered, bare. */
  originalMessageId?: string;
  /** Lower-case addresses whose delivery failed (DSN `Action: failed`, or `X-Failed-Recipients`). */
  failedRecipients: string[];
  /** True when every recipient the report names is only delayed, not failed. */
  delayedOnly: boolean;
  /** The first enhanced status code (e.g. `5.1.1`) and diagnostic the report gives. */
  status?: string;
  diagnostic?: string;
}

interface ReportSource {
  headers: Record<string, string>;
  attachments: Pick<MailAttachment, 'contentType' | 'content'>[];
  text: string;
}

const STATUS_TYPES = ['message/delivery-status', 'message/global-delivery-status'];
const ORIGINAL_TYPES = ['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers'];

/**
 * What a bounce says about the failed delivery: the RFC 3464 delivery-status part when there
 * is one, the returned original (or its headers) for the Message-ID, and as a fallback the
 * copy of the original headers that MTAs such as Exim and qmail paste into the text.
 * Never throws; fields it cannot find are left out.
 */
export function readDeliveryReport(mail: ReportSource): DeliveryReport {
  const recipients = STATUS_TYPES.flatMap((type) =>
    mail.attachments.filter((a) => a.contentType === type).flatMap((a) => recipientFields(a.content.toString('utf8'))),
  );
  const failed = recipients.filter((r) => !r.action || r.action === 'failed');
  const headerFailures = (mail.headers['x-failed-recipients'] ?? '').split(/[\s,]+/).filter((a) => a.includes('@'));
  const first = failed[0] ?? recipients[0];
  return {
    originalMessageId: originalMessageId(mail),
    failedRecipients: [...new Set([...failed.map((r) => r.recipient), ...headerFailures].map((a) => a.toLowerCase()))].filter(Boolean),
    delayedOnly: recipients.length > 0 && recipients.every((r) => r.action === 'delayed'),
    status: first?.status,
    diagnostic: first?.diagnostic,
  };
}

interface RecipientField {
  recipient: string;
  action?: string;
  status?: string;
  diagnostic?: string;
}

/** The per-recipient blocks of a delivery-status body (blocks are separated by blank lines). */
function recipientFields(body: string): RecipientField[] {
  const blocks = body.replace(/\r\n?/g, '\n').replace(/\n[ \t]+/g, ' ').split(/\n\s*\n/);
  return blocks.flatMap((block) => {
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(block)?.[1].trim();
    const recipient = field('Final-Recipient') ?? field('Original-Recipient');
    if (!recipient) return [];
    return [{
      recipient: recipient.replace(/^[\w-]+\s*;\s*/, '').replace(/^<|>$/g, ''), // "rfc822; a@b" -> "a@b"
      action: field('Action')?.toLowerCase(),
      status: field('Status')?.split(/\s/)[0],
      diagnostic: field('Diagnostic-Code')?.replace(/^[\w-]+\s*;\s*/, ''),
    }];
  });
}

function originalMessageId(mail: ReportSource): string | undefined {
  for (const part of mail.attachments.filter((a) => ORIGINAL_TYPES.includes(a.contentType))) {
    const id = messageIdHeader(part.content.toString('utf8'));
    if (id) return id;
  }
  return messageIdHeader(mail.text, true);
}

/** The Message-ID header of a header block (or, in pasted text, of the first one found). */
function messageIdHeader(text: string, anywhere = false): string | undefined {
  const headerBlock = anywhere ? text : text.split(/\r?\n\r?\n/)[0];
  const match = /^[ \t]*Message-ID:[ \t]*(.*(?:\r?\n[ \t]+.*)*)/im.exec(headerBlock);
  return match ? parseMessageIds(match[1])[0] : undefined;
}
