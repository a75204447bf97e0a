import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { notifyAgent } from '../../domain/mail-channel/notify-agents';
import { notifyByMail, type NotifyOutcome } from '../../domain/mail-channel/notify-by-mail';
import { logger, metrics } from '../../observability';
import { busConsumer } from '../kit/bus-consumer';

const summary = (outcome: NotifyOutcome) => (outcome.sent ? { sent: true, kind: outcome.kind, messageId: outcome.messageId } : { sent: false, why: outcome.why });

/**
 * Bus rule target: mails the requester (confirmation, public replies, resolution, auto-close
 * warning, survey) and the agent concerned (assignment, customer reply).
 */
export const handler = busConsumer({ rule: 'email-notifier', dedupe: 'record' }, async (event, { deps, ports, config }) => {
  const apiUrl = config.links.apiUrl;
  if (!apiUrl) throw new Error('the public API URL is not set: this function needs \'public-urls\'');
  const [requester, agent] = await Promise.all([
    notifyByMail(deps, ports.mail, event.detail, { signer: ports.links, apiUrl }),
    notifyAgent(deps, ports.mail, event.detail, config.links.appUrl ?? apiUrl),
  ]);
  for (const outcome of [requester, agent]) {
    metrics.addMetric(outcome.sent ? 'MailSent' : 'MailNotificationSkipped', MetricUnit.Count, 1);
    if (outcome.sent) logger.info('notification mailed', { kind: outcome.kind });
  }
  return { requester: summary(requester), agent: summary(agent) };
});
