import { stableUlid } from '../stable-id';

/**
 * The id of the delivery of one event to one endpoint: a ULID whose time is the event's and
 * whose rest is a hash of (event, endpoint). Stable, so a duplicated event or a retried fan-out
 * lands on the same delivery (and the same `webhook-id`), and sortable by time.
 */
export function deliveryIdOf(eventId: string, webhookId: string, occurredAt: Date): string {
  return stableUlid(`${eventId}\u0000${webhookId}`, occurredAt);
}

/** The `webhook-id` header: the same on every retry and replay of a delivery. */
export const messageIdOf = (deliveryId: string) => `msg_${deliveryId}`;
