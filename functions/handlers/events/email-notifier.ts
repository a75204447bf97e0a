import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { BusEvent } from '../../../schemas/events';
import { mailSender } from '../../adapters/mail-sender';
import { notifyByMail } from '../../domain/mail-channel/notify-by-mail';
import { logger, metrics } from '../../observability';
import { deps } from '../deps';
import { idempotentConsumer } from './idempotent-consumer';

/** Bus rule target: mails the requester about public replies, mail-ticket confirmations and resolution. */
const notify = idempotentConsumer('email-notifier', async (event: BusEvent) => {
  const outcome = await notifyByMail(deps, mailSender(), event.detail);
  metrics.addMetric(outcome.sent ? 'MailSent' : 'MailNotificationSkipped', MetricUnit.Count, 1);
  if (outcome.sent) {
    logger.info('notification mailed', { orgId: event.detail.orgId, ticketId: event.detail.ticketId, kind: outcome.kind });
  }
  return outcome.sent ? { sent: true, messageId: outcome.messageId } : { sent: false, why: outcome.why };
});

export const handler = async (event: BusEvent, context?: Context) => {
  try {
    return await notify(event, context);
  } finally {
    metrics.publishStoredMetrics();
  }
};
