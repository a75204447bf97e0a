import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { BusEvent } from '../../../schemas/events';
import { linkSigner, publicUrls } from '../../adapters/link-signer';
import { mailSender } from '../../adapters/mail-sender';
import { notifyAgent } from '../../domain/mail-channel/notify-agents';
import { notifyByMail, type NotifyOutcome } from '../../domain/mail-channel/notify-by-mail';
import { logger, metrics } from '../../observability';
import { deps } from '../deps';
import { idempotentConsumer } from './idempotent-consumer';

/**
 * Bus rule target: mails the requester (confirmation, public replies, resolution, auto-close
 * warning, survey) and the agent concerned (assignment, customer reply).
 */
const notify = idempotentConsumer('email-notifier', async (event: BusEvent) => {
  const { apiUrl, appUrl } = publicUrls();
  const requester = await notifyByMail(deps, mailSender(), event.detail, { signer: linkSigner(), apiUrl });
  const agent = await notifyAgent(deps, mailSender(), event.detail, appUrl);
  const summary = (outcome: NotifyOutcome) => (outcome.sent ? { sent: true, kind: outcome.kind, messageId: outcome.messageId } : { sent: false, why: outcome.why });
  for (const outcome of [requester, agent]) {
    metrics.addMetric(outcome.sent ? 'MailSent' : 'MailNotificationSkipped', MetricUnit.Count, 1);
    if (outcome.sent) logger.info('notification mailed', { orgId: event.detail.orgId, ticketId: event.detail.ticketId, kind: outcome.kind });
  }
  return { requester: summary(requester), agent: summary(agent) };
});

export const handler = async (event: BusEvent, context?: Context) => {
  try {
    return await notify(event, context);
  } finally {
    metrics.publishStoredMetrics();
  }
};
