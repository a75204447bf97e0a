import { planDeliveries } from '../../domain/webhooks/deliveries';
import { DELIVERY_QUEUE } from '../../domain/webhooks/delivery-message';
import { logger } from '../../observability';
import { busConsumer } from '../kit/bus-consumer';

/**
 * Bus rule target: one queue message per (event, endpoint), so a slow or failing endpoint only
 * ever holds up its own deliveries. Internal events (notes) are sent too: webhooks are staff
 * integrations configured by an admin, and the payload says `internal: true`.
 */
export const handler = busConsumer({ rule: 'webhook-fan-out', dedupe: 'record' }, async (event, { deps, ports }) => {
  const messages = await planDeliveries(deps, event.detail);
  await Promise.all(messages.map((message) => ports.queues.send(DELIVERY_QUEUE, JSON.stringify(message))));
  if (messages.length) logger.info('webhook deliveries planned', { count: messages.length });
  return { planned: messages.length };
});
