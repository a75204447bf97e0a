import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { notifyByMail } from '../../domain/mail-channel/notify-by-mail';
import { logger, metrics } from '../../observability';
import { busConsumer } from '../kit/bus-consumer';

/** Bus rule target: mails the requester about public replies, mail-ticket confirmations and resolution. */
export const handler = busConsumer('email-notifier', async (event, { deps, ports }) => {
  const outcome = await notifyByMail(deps, ports.mail, event.detail);
  metrics.addMetric(outcome.sent ? 'MailSent' : 'MailNotificationSkipped', MetricUnit.Count, 1);
  if (outcome.sent) logger.info('notification mailed', { kind: outcome.kind });
  return outcome.sent ? { sent: true, messageId: outcome.messageId } : { sent: false, why: outcome.why };
});
