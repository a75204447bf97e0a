import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { sendMetaReply } from '../../domain/meta/send-meta-reply';
import { logger, metrics } from '../../observability';
import { busConsumer } from '../kit/bus-consumer';

/** Bus rule target: an agent's public reply on a WhatsApp/Instagram ticket goes out through the Graph API. */
export const handler = busConsumer({ rule: 'meta-sender', dedupe: 'record' }, async (event, { deps, ports }) => {
  const outcome = await sendMetaReply(deps, ports, event.detail);
  if (outcome.sent) {
    metrics.addMetric('MetaMessageSent', MetricUnit.Count, 1);
    logger.info('meta reply sent', { metaMessageId: outcome.metaMessageId });
  }
  return outcome;
});
