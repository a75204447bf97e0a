import type { Context } from 'aws-lambda';
import type { BusEvent } from '../../../schemas/events';
import { adapters } from '../../adapters';
import { planDeliveries } from '../../domain/webhooks/deliveries';
import { DELIVERY_QUEUE } from '../../domain/webhooks/delivery-message';
import { logger } from '../../observability';
import { deps } from '../deps';
import { idempotentConsumer } from './idempotent-consumer';

/**
 * Bus rule target: one queue message per (event, endpoint), so a slow or failing endpoint only
 * ever holds up its own deliveries. Internal events (notes) are sent too: webhooks are staff
 * integrations configured by an admin, and the payload says `internal: true`.
 */
const fanOut = idempotentConsumer('webhook-fan-out', async (event: BusEvent) => {
  const messages = await planDeliveries(deps, event.detail);
  await Promise.all(messages.map((message) => adapters().queues.send(DELIVERY_QUEUE, JSON.stringify(message))));
  if (messages.length) logger.info('webhook deliveries planned', { eventId: event.detail.id, type: event.detail.type, count: messages.length });
  return { planned: messages.length };
});

export const handler = async (event: BusEvent, context?: Context) => fanOut(event, context);
