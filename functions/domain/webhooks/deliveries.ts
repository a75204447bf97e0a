import type { TicketEvent } from '../../../schemas/events';
import type { WebhookDeliveryView, WebhookPayload } from '../../../schemas/webhooks';
import type { Caller } from '../caller';
import { BusyError, InvalidCursorError, NotFoundError } from '../errors';
import { outboxJobOf } from '../outbox/outbox-jobs';
import { CONDITION_FAILED } from '../store/cancellation-reasons';
import { openCursor, queryFingerprint, sealCursor } from '../store/cursor';
import type { Deps } from '../store/store';
import { deliveryIdOf } from './delivery-id';
import type { DeliveryMessage } from './delivery-message';
import { WebhookDisabledError } from './errors';
import { getWebhook } from './manage-webhooks';
import { DELIVERY_RETENTION_SECONDS, type WebhookAttempt, type WebhookDelivery, type WebhookEndpoint } from './webhook.entities';

/** Whether the endpoint asked for this detail-type (`*` = all). Internal events are not filtered: webhooks serve staff integrations. */
export const wantsEvent = (endpoint: Pick<WebhookEndpoint, 'events' | 'enabled'>, type: string) =>
  endpoint.enabled && (endpoint.events.includes('*') || endpoint.events.includes(type));

/** The body of every POST for this event (fixed contract): `data` is the whole versioned ticket event. */
export const payloadOf = (event: TicketEvent): WebhookPayload => ({ type: event.type, timestamp: event.occurredAt, data: event as unknown as Record<string, unknown> });

/**
 * Creates one delivery per enabled endpoint of the event's organization that wants the event,
 * each in one transaction with its first dispatch job (the outbox: the stream carries the job to
 * the dispatcher's queue), and returns the first message of each delivery it created. The
 * delivery's id is the event's and the endpoint's, and its create is conditional, so the same
 * event planned again writes nothing and sends nothing: a redelivery is harmless by
 * construction, and no delivery is ever stored without its message on its way.
 * An organization with no endpoint that wants the event costs one Query and no write.
 * @throws when a transaction is refused for another reason than the delivery existing (a
 *   conflict with a concurrent run of the same event): the bus retries, and the retry finds it.
 */
export async function planDeliveries(deps: Deps, event: TicketEvent): Promise<DeliveryMessage[]> {
  const { data: endpoints } = await deps.store.entities.webhookEndpoint.query.byOrg({ orgId: event.orgId }).go({ pages: 'all' });
  const wanted = endpoints.filter((candidate) => wantsEvent(candidate, event.type));
  if (!wanted.length) return [];
  const now = deps.now();
  const body = JSON.stringify(payloadOf(event));
  const messages: DeliveryMessage[] = [];
  for (const endpoint of wanted) {
    const deliveryId = deliveryIdOf(event.id, endpoint.webhookId, new Date(event.occurredAt));
    const key = { orgId: event.orgId, webhookId: endpoint.webhookId, deliveryId };
    const message: DeliveryMessage = { ...key, seq: 0, retry: 0, notBefore: now.toISOString() };
    const { canceled, data } = await deps.store.transaction
      .write(({ webhookDelivery, outboxJob }) => [
        webhookDelivery
          .create({
            ...key, eventId: event.id, eventType: event.type, ticketId: event.ticketId, payload: body, status: 'pending', attemptCount: 0,
            runStartedAt: now.toISOString(), createdAt: now.toISOString(), updatedAt: now.toISOString(),
            ttl: Math.floor(now.getTime() / 1000) + DELIVERY_RETENTION_SECONDS,
          })
          .commit(),
        outboxJob.create(outboxJobOf(deps, event.orgId, 'job.webhook.delivery', message)).commit(),
      ])
      .go();
    if (!canceled) {
      messages.push(message);
      continue;
    }
    // Planned before (the event came again): its job was committed with it, nothing to do.
    if (data[0]?.code === CONDITION_FAILED) continue;
    throw new Error(`delivery ${deliveryId} of event ${event.id} was refused (${data.map((item) => item?.code ?? 'None').join(', ')}); the bus retries the event`);
  }
  return messages;
}

/**
 * An endpoint's deliveries, newest first, each with its attempts (oldest first).
 * @throws NotFoundError for an endpoint of another organization; InvalidCursorError.
 */
export async function listDeliveries(deps: Deps, caller: Caller, webhookId: string, page: { limit: number; cursor?: string }) {
  await getWebhook(deps, caller.orgId, webhookId);
  const fingerprint = queryFingerprint(caller.orgId, { webhookId });
  const storeCursor = openCursor(page.cursor, fingerprint);
  let result: { data: WebhookDelivery[]; cursor: string | null };
  try {
    result = await deps.store.entities.webhookDelivery.query
      .byEndpoint({ orgId: caller.orgId, webhookId })
      .go({ order: 'desc', limit: page.limit, cursor: storeCursor });
  } catch (error) {
    if (storeCursor) throw new InvalidCursorError();
    throw error;
  }
  const items = await Promise.all(result.data.map(async (delivery) => toDeliveryView(delivery, await attemptsOf(deps, delivery))));
  return { items, nextCursor: sealCursor(result.cursor, fingerprint) };
}

/**
 * Sends a delivery again, as a new run (24 h of retries) with the same `webhook-id` and body.
 * The delivery goes back to `pending` and its dispatch job commits in the same transaction
 * (the outbox), so it is never left pending without a message on its way.
 * @throws NotFoundError (endpoint or delivery), WebhookDisabledError, BusyError when an attempt
 *   ran meanwhile (nothing is written): replay again.
 */
export async function replayDelivery(deps: Deps, caller: Caller, webhookId: string, deliveryId: string): Promise<{ delivery: WebhookDelivery; message: DeliveryMessage }> {
  const endpoint = await getWebhook(deps, caller.orgId, webhookId);
  if (!endpoint.enabled) throw new WebhookDisabledError(webhookId);
  const key = { orgId: caller.orgId, webhookId, deliveryId };
  const { data: delivery } = await deps.store.entities.webhookDelivery.get(key).go();
  if (!delivery) throw new NotFoundError('delivery', deliveryId);
  const now = deps.now().toISOString();
  const message: DeliveryMessage = { ...key, seq: delivery.attemptCount, retry: 0, notBefore: now };
  const set = { status: 'pending', runStartedAt: now, nextAttemptAt: now, updatedAt: now } as const;
  const { canceled } = await deps.store.transaction
    .write(({ webhookDelivery, outboxJob }) => [
      webhookDelivery.patch(key).set(set).where(({ attemptCount }, { eq }) => eq(attemptCount, delivery.attemptCount)).commit(),
      outboxJob.create(outboxJobOf(deps, caller.orgId, 'job.webhook.delivery', message)).commit(),
    ])
    .go();
  if (canceled) throw new BusyError(`delivery ${deliveryId} was attempted meanwhile; replay it again`);
  return { delivery: { ...delivery, ...set }, message };
}

async function attemptsOf(deps: Deps, delivery: WebhookDelivery): Promise<WebhookAttempt[]> {
  const { data } = await deps.store.entities.webhookAttempt.query
    .byDelivery({ orgId: delivery.orgId, webhookId: delivery.webhookId, deliveryId: delivery.deliveryId })
    .go({ pages: 'all' });
  return data;
}

export function toDeliveryView(delivery: WebhookDelivery, attempts: readonly WebhookAttempt[]): WebhookDeliveryView {
  return {
    id: delivery.deliveryId, webhookId: delivery.webhookId, eventId: delivery.eventId, eventType: delivery.eventType,
    ticketId: delivery.ticketId, status: delivery.status, attemptCount: delivery.attemptCount,
    nextAttemptAt: delivery.status === 'retrying' || delivery.status === 'pending' ? (delivery.nextAttemptAt ?? null) : null,
    createdAt: delivery.createdAt, updatedAt: delivery.updatedAt,
    attempts: attempts.map((attempt) => ({
      attempt: attempt.attempt, at: attempt.at, statusCode: attempt.statusCode ?? null, latencyMs: attempt.latencyMs,
      ok: attempt.ok, error: attempt.error ?? null, responseExcerpt: attempt.responseExcerpt ?? null,
    })),
  };
}

