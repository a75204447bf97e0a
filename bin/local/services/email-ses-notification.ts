import type { SesReceiptNotification } from '../../../schemas/email';

/** The header section of a raw mail, unfolded, lower-case names (first occurrence). */
export function headerFields(raw: Buffer): Map<string, string> {
  const text = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const section = (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string>();
  for (const line of section.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

type Verdict = 'PASS' | 'FAIL' | 'GRAY';

/**
 * What SES publishes to SNS for a receipt rule's S3 action, built from the SMTP envelope
 * (`recipients` = RCPT TO, `source` = MAIL FROM) and the stored object. Verdicts are PASS unless
 * the mail carries `X-Local-SES-Verdicts: spam=FAIL, virus=FAIL, dmarc=FAIL` (local testing only).
 */
export function sesNotification(input: {
  sesMessageId: string;
  receivedAt: Date;
  mailFrom: string;
  recipients: string[];
  objectKey: string;
  raw: Buffer;
}): SesReceiptNotification {
  const h = headerFields(input.raw);
  const overrides = Object.fromEntries(
    (h.get('x-local-ses-verdicts') ?? '').split(/[,;]/).map((p) => p.trim().split('=')).filter((p) => p.length === 2)
      .map(([k, v]) => [k.trim().toLowerCase(), v.trim().toUpperCase() as Verdict]),
  ) as Record<string, Verdict>;
  const verdict = (name: string) => ({ status: overrides[name] ?? 'PASS' });
  const split = (value?: string) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : undefined);
  const timestamp = input.receivedAt.toISOString();
  return {
    notificationType: 'Received',
    mail: {
      timestamp,
      source: input.mailFrom,
      messageId: input.sesMessageId,
      destination: input.recipients,
      headersTruncated: false,
      commonHeaders: {
        returnPath: input.mailFrom,
        from: split(h.get('from')),
        to: split(h.get('to')),
        messageId: h.get('message-id'),
        subject: h.get('subject'),
        date: h.get('date'),
      },
    },
    receipt: {
      timestamp,
      processingTimeMillis: 1,
      recipients: input.recipients,
      spamVerdict: verdict('spam'),
      virusVerdict: verdict('virus'),
      spfVerdict: verdict('spf'),
      dkimVerdict: verdict('dkim'),
      dmarcVerdict: verdict('dmarc'),
      action: {
        type: 'S3',
        topicArn: 'arn:aws:sns:local:000000000000:helpdesk-email-inbound',
        bucketName: 'local',
        objectKeyPrefix: 'inbound/',
        objectKey: input.objectKey,
      },
    },
  };
}

/** The SNS envelope SQS receives with raw message delivery off. */
export function snsEnvelope(message: unknown, messageId: string, at: Date): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: 'arn:aws:sns:local:000000000000:helpdesk-email-inbound',
    Subject: 'Amazon SES Email Receipt Notification',
    Message: JSON.stringify(message),
    Timestamp: at.toISOString(),
    SignatureVersion: '1',
    Signature: 'local',
    SigningCertURL: 'https://sns.local/cert.pem',
    UnsubscribeURL: 'https://sns.local/unsubscribe',
  });
}
