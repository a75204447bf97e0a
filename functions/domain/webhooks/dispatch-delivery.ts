import type { WebhookPoster, WebhookResponse } from '../ports/webhook-poster';
import type { Deps } from '../store/store';
import { backoffSeconds, retriesExhausted } from './backoff';
import { messageIdOf } from './delivery-id';
import { type DeliveryMessage, queueDelaySeconds } from './delivery-message';
import { isConditionFailure } from '../store/cancellation-reasons';
import { activeSecrets, signatureHeaders } from './signing';
import { DELIVERY_RETENTION_SECONDS, type StoredSecret, type WebhookEndpoint } from './webhook.entities';

export interface DispatchPorts {
  deps: Deps;
  poster: WebhookPoster;
  /** Puts a message back on the delivery queue with a delay (≤ 900 s). */
  enqueue: (message: DeliveryMessage, delaySeconds: number) => Promise<void>;
  /** Real time for `webhook-timestamp`: receivers check it against their own clock. */
  wallClock?: () => Date;
  random?: () => number;
  /** Told when an endpoint is disabled (log + metric). */
  onDisabled?: (endpoint: WebhookEndpoint, reason: string) => void;
}

export type DispatchOutcome =
  | { kind: 'deferred'; delaySeconds: number }
  | { kind: 'dropped'; reason: string }
  | { kind: 'delivered'; response: WebhookResponse }
  | { kind: 'retrying'; response: WebhookResponse; nextAttemptAt: string }
  | { kind: 'exhausted'; response: WebhookResponse; disabled: boolean };

/**
 * The attempts this container is making, by delivery and `seq`: a copy of a message (queues and
 * the bus are at least once) that arrives in the same batch as the original would otherwise read
 * the same attempt count and POST too. Copies in different containers are left to the attempt
 * count and to the receiver's `webhook-id`.
 */
const inFlight = new Set<string>();

/**
 * Handles one message of the delivery queue: waits (re-enqueues) until due, makes one signed
 * attempt, records it, and schedules the next retry or ends the run. After a run fails for
 * 24 h with no success of the endpoint since it began, the endpoint is disabled. A copy of a
 * message whose attempt is already under way here is dropped.
 * Throws only on store or queue errors, so the message is retried by the queue.
 */
export async function dispatchDelivery(ports: DispatchPorts, message: DeliveryMessage): Promise<DispatchOutcome> {
  const { deps } = ports;
  const now = deps.now();
  const due = new Date(message.notBefore);
  if (due.getTime() > now.getTime()) {
    const delaySeconds = queueDelaySeconds(due, now);
    await ports.enqueue(message, delaySeconds);
    return { kind: 'deferred', delaySeconds };
  }
  const attemptKey = `${message.orgId}\u0000${message.webhookId}\u0000${message.deliveryId}\u0000${message.seq}`;
  if (inFlight.has(attemptKey)) return { kind: 'dropped', reason: 'a copy of this message is being attempted' };
  inFlight.add(attemptKey);
  try {
    return await attemptDelivery(ports, message, now);
  } finally {
    inFlight.delete(attemptKey);
  }
}

async function attemptDelivery(ports: DispatchPorts, message: DeliveryMessage, now: Date): Promise<DispatchOutcome> {
  const { deps } = ports;
  const key = { orgId: message.orgId, webhookId: message.webhookId, deliveryId: message.deliveryId };
  const [{ data: delivery }, { data: endpoint }] = await Promise.all([
    deps.store.entities.webhookDelivery.get(key).go(),
    deps.store.entities.webhookEndpoint.get({ orgId: message.orgId, webhookId: message.webhookId }).go(),
  ]);
  if (!delivery) return { kind: 'dropped', reason: 'delivery expired or never existed' };
  if (delivery.attemptCount !== message.seq) return { kind: 'dropped', reason: 'duplicate or superseded message' };
  if (!endpoint || !endpoint.enabled) {
    await deps.store.entities.webhookDelivery.patch(key).set({ status: 'cancelled', updatedAt: now.toISOString() }).remove(['nextAttemptAt']).go();
    return { kind: 'dropped', reason: endpoint ? 'endpoint disabled' : 'endpoint deleted' };
  }

  const attempt = message.seq + 1;
  const sentAt = ports.wallClock?.() ?? new Date();
  const headers = signatureHeaders(activeSecrets(endpoint.secrets as StoredSecret[], now).map((entry) => entry.secret), messageIdOf(delivery.deliveryId), sentAt, delivery.payload);
  const response = await ports.poster.post({ url: endpoint.url, body: delivery.payload, headers });
  const at = deps.now();
  await deps.store.entities.webhookAttempt
    .put({
      ...key, attempt, at: at.toISOString(), latencyMs: response.latencyMs, ok: response.ok,
      ...(response.statusCode !== null ? { statusCode: response.statusCode } : {}),
      ...(response.error ? { error: response.error.slice(0, 500) } : {}),
      ...(response.responseExcerpt ? { responseExcerpt: response.responseExcerpt } : {}),
      ttl: Math.floor(at.getTime() / 1000) + DELIVERY_RETENTION_SECONDS,
    })
    .go();

  const endpointKey = { orgId: message.orgId, webhookId: message.webhookId };
  if (response.ok) {
    await saveDelivery(ports, key, message.seq, { status: 'succeeded', attemptCount: attempt, updatedAt: at.toISOString() });
    await deps.store.entities.webhookEndpoint.patch(endpointKey).set({ consecutiveFailures: 0, lastSuccessAt: at.toISOString() }).go();
    return { kind: 'delivered', response };
  }

  await deps.store.entities.webhookEndpoint.patch(endpointKey).add({ consecutiveFailures: 1 }).go();
  const retry = message.retry + 1;
  if (!retriesExhausted(new Date(delivery.runStartedAt), at, retry)) {
    const delay = backoffSeconds(retry, ports.random);
    const nextAttemptAt = new Date(at.getTime() + delay * 1000).toISOString();
    await ports.enqueue({ ...message, seq: attempt, retry, notBefore: nextAttemptAt }, Math.min(delay, 900));
    await saveDelivery(ports, key, message.seq, { status: 'retrying', attemptCount: attempt, nextAttemptAt, updatedAt: at.toISOString() });
    return { kind: 'retrying', response, nextAttemptAt };
  }

  await saveDelivery(ports, key, message.seq, { status: 'failed', attemptCount: attempt, updatedAt: at.toISOString() });
  const succeededSince = endpoint.lastSuccessAt && endpoint.lastSuccessAt >= delivery.runStartedAt;
  if (succeededSince) return { kind: 'exhausted', response, disabled: false };
  const reason = `delivery ${delivery.deliveryId} failed ${attempt} times over 24 h (last: ${response.error ?? response.statusCode}) with no success since ${delivery.runStartedAt}`;
  await deps.store.entities.webhookEndpoint
    .patch(endpointKey)
    .set({ enabled: false, disabledAt: at.toISOString(), disabledReason: reason, updatedAt: at.toISOString() })
    .go();
  ports.onDisabled?.(endpoint, reason);
  return { kind: 'exhausted', response, disabled: true };
}

/** Moves the delivery on, unless a concurrent copy of this message already did. */
async function saveDelivery(ports: DispatchPorts, key: { orgId: string; webhookId: string; deliveryId: string }, seq: number, set: Record<string, unknown>) {
  try {
    let update = ports.deps.store.entities.webhookDelivery.patch(key).set(set);
    if (!('nextAttemptAt' in set)) update = update.remove(['nextAttemptAt']);
    await update.where(({ attemptCount }, { eq }) => eq(attemptCount, seq)).go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
