import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/** A signing secret; a rotated-out one keeps working until `expiresAt`. */
export interface StoredSecret {
  secret: string;
  createdAt: string;
  expiresAt: string | null;
}

/**
 * An organization's webhook endpoint. Secrets are stored as issued (the table is encrypted at
 * rest by DynamoDB; the dispatcher needs them in clear to sign) and never leave through the API
 * after creation or rotation.
 */
export const webhookEndpointEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'webhookEndpoint', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        webhookId: { type: 'string', required: true, readOnly: true },
        url: { type: 'string', required: true },
        events: { type: 'list', items: { type: 'string' }, required: true },
        description: { type: 'string' },
        enabled: { type: 'boolean', required: true },
        secrets: { type: 'any', required: true },
        secretRotatedAt: { type: 'string' },
        consecutiveFailures: { type: 'number', required: true, default: 0 },
        lastSuccessAt: { type: 'string' },
        disabledAt: { type: 'string' },
        disabledReason: { type: 'string' },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['webhookId'] } },
      },
    },
    config,
  );

/**
 * One (event, endpoint) delivery, under its endpoint. Its id sorts by the event's time, so a
 * descending query lists the newest first; the payload is kept so retries and replays send
 * the very same bytes.
 */
export const webhookDeliveryEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'webhookDelivery', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        webhookId: { type: 'string', required: true, readOnly: true },
        deliveryId: { type: 'string', required: true, readOnly: true },
        eventId: { type: 'string', required: true },
        eventType: { type: 'string', required: true },
        ticketId: { type: 'string', required: true },
        payload: { type: 'string', required: true },
        status: { type: ['pending', 'retrying', 'succeeded', 'failed', 'cancelled'] as const, required: true },
        attemptCount: { type: 'number', required: true },
        /** Start of the current run (creation or the last replay): retries stop 24 h after it. */
        runStartedAt: { type: 'string', required: true },
        nextAttemptAt: { type: 'string' },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
        ttl: { type: 'number', required: true },
      },
      indexes: {
        byEndpoint: { pk: { field: 'pk', composite: ['orgId', 'webhookId'] }, sk: { field: 'sk', composite: ['deliveryId'] } },
      },
    },
    config,
  );

/** One HTTP attempt of a delivery: what the endpoint answered, how fast, or why it failed. */
export const webhookAttemptEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'webhookAttempt', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        webhookId: { type: 'string', required: true, readOnly: true },
        deliveryId: { type: 'string', required: true, readOnly: true },
        attempt: { type: 'number', required: true, readOnly: true, padding: { length: 5, char: '0' } },
        at: { type: 'string', required: true },
        statusCode: { type: 'number' },
        latencyMs: { type: 'number', required: true },
        ok: { type: 'boolean', required: true },
        error: { type: 'string' },
        responseExcerpt: { type: 'string' },
        ttl: { type: 'number', required: true },
      },
      indexes: {
        byDelivery: {
          pk: { field: 'pk', composite: ['orgId', 'webhookId'] },
          sk: { field: 'sk', composite: ['deliveryId', 'attempt'] },
        },
      },
    },
    config,
  );

export type WebhookEndpoint = EntityItem<ReturnType<typeof webhookEndpointEntity>>;
export type WebhookDelivery = EntityItem<ReturnType<typeof webhookDeliveryEntity>>;
export type WebhookAttempt = EntityItem<ReturnType<typeof webhookAttemptEntity>>;

/** Deliveries and their attempts are kept 30 days. */
export const DELIVERY_RETENTION_SECONDS = 30 * 86_400;
