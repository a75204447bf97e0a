import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { SesReceiptNotification } from '../../../schemas/email';
import { ingestMail } from '../../domain/mail-channel/ingest-mail';
import { logger, metrics } from '../../observability';
import type { Runtime } from '../../runtime';
import { sqsConsumer } from '../kit/sqs-consumer';
import { sesNotificationOf } from './ses-notification';

/**
 * The ingest worker: one record = one SES receipt notification (SNS envelope). A record that
 * fails (store down, object not yet readable) is reported alone and retried, then dead-lettered;
 * a malformed mail is not a failure: it is suspended with its reason.
 */
async function recordHandler(record: SQSRecord, { deps, ports }: Runtime) {
  let notification: unknown;
  try {
    notification = sesNotificationOf(record.body);
  } catch {
    logger.error('unreadable email-inbound message dropped', { messageId: record.messageId });
    return;
  }
  const parsed = SesReceiptNotification.safeParse(notification);
  if (!parsed.success) {
    // Not an SES receipt (SNS's subscription confirmation, a test message): nothing to do.
    logger.warn('email-inbound message is not an SES receipt notification; dropped', { messageId: record.messageId });
    return;
  }
  const outcome = await ingestMail(deps, ports.objects, parsed.data, ports.attachments);
  metrics.addMetric(`MailIngested_${outcome.kind}`, MetricUnit.Count, 1);
  logger.info('mail ingested', {
    sesMessageId: parsed.data.mail.messageId,
    outcome: outcome.kind,
    ...('ticketId' in outcome ? { ticketId: outcome.ticketId } : {}),
    ...('reason' in outcome ? { reason: outcome.reason } : {}),
  });
}

export const handler = sqsConsumer(recordHandler);
