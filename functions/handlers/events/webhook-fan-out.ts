import { planDeliveries } from '../../domain/webhooks/deliveries';
import { logger } from '../../observability';
import { busConsumer } from '../kit/bus-consumer';

/**
 * Bus rule target: one delivery per (event, endpoint), each handed to the dispatcher's queue by
 * its own outbox job, so a slow or failing endpoint only ever holds up its own deliveries.
 * Internal events (notes) are sent too: webhooks are staff integrations configured by an admin,
 * and the payload says `internal: true`. No idempotency record: a redelivered event finds its
 * deliveries made and writes nothing (planDeliveries).
 */
export const handler = busConsumer({ rule: 'webhook-fan-out', dedupe: 'by-construction' }, async (event, { deps }) => {
  const messages = await planDeliveries(deps, event.detail);
  if (messages.length) logger.info('webhook deliveries planned', { count: messages.length });
  return { planned: messages.length };
});
