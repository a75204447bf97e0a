import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { DELIVERY_QUEUE, DeliveryMessage } from '../../domain/webhooks/delivery-message';
import { type DispatchPorts, dispatchDelivery } from '../../domain/webhooks/dispatch-delivery';
import { logger, metrics } from '../../observability';
import type { Runtime } from '../../runtime';
import { jsonBodyOf, sqsConsumer } from '../kit/sqs-consumer';

const dispatchPorts = ({ deps, ports }: Runtime): DispatchPorts => ({
  deps,
  poster: ports.webhooks,
  enqueue: (message, delaySeconds) => ports.queues.send(DELIVERY_QUEUE, JSON.stringify(message), { delaySeconds }),
  onDisabled: (endpoint, reason) => {
    logger.warn('webhook endpoint disabled after persistent failure', { orgId: endpoint.orgId, webhookId: endpoint.webhookId, reason });
    metrics.addMetric('WebhookEndpointDisabled', MetricUnit.Count, 1);
  },
});

/** One record = one attempt; records run concurrently, so a hanging endpoint holds only its own. */
async function recordHandler(record: SQSRecord, runtime: Runtime) {
  const parsed = DeliveryMessage.safeParse(jsonBodyOf(record));
  if (!parsed.success) {
    logger.error('unreadable webhook delivery message dropped', { messageId: record.messageId });
    return;
  }
  const outcome = await dispatchDelivery(dispatchPorts(runtime), parsed.data);
  if (outcome.kind === 'delivered' || outcome.kind === 'retrying' || outcome.kind === 'exhausted') {
    metrics.addMetric(outcome.response.ok ? 'WebhookDelivered' : 'WebhookAttemptFailed', MetricUnit.Count, 1);
    logger.info('webhook attempt', {
      orgId: parsed.data.orgId, webhookId: parsed.data.webhookId, deliveryId: parsed.data.deliveryId, outcome: outcome.kind,
      statusCode: outcome.response.statusCode, latencyMs: outcome.response.latencyMs, error: outcome.response.error,
    });
  } else if (outcome.kind === 'dropped') {
    logger.info('webhook delivery message dropped', { deliveryId: parsed.data.deliveryId, reason: outcome.reason });
  }
}

export const handler = sqsConsumer(recordHandler);
