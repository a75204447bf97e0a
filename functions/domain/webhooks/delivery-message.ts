import * as z from 'zod';

/** The queue of the dispatcher (functions/manifest/features/webhooks.ts). */
export const DELIVERY_QUEUE = 'webhook-deliveries';

/**
 * One message = one attempt of one delivery. `seq` is the delivery's attempt count this message
 * expects (a duplicate or superseded message finds it moved on and is dropped); `retry` counts
 * attempts within the current run, for the backoff; `notBefore` is when it is due (SQS delays
 * at most 15 minutes, so a message that arrives early goes back with the remaining delay).
 */
export const DeliveryMessage = z.object({
  orgId: z.string(),
  webhookId: z.string(),
  deliveryId: z.string(),
  seq: z.number().int().min(0),
  retry: z.number().int().min(0),
  notBefore: z.string(),
});
export type DeliveryMessage = z.infer<typeof DeliveryMessage>;

/** SQS's limit on DelaySeconds. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/** The delay to put on a message due at `due`: the rest is waited out by re-enqueueing. */
export const queueDelaySeconds = (due: Date, now: Date) =>
  Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil((due.getTime() - now.getTime()) / 1000)));
