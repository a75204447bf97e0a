import * as z from 'zod';
import { Cursor, Id, Limit } from './common';
import { EventType } from './events';

/** `*` (every ticket event) or a list of detail-types, without duplicates. */
export const WebhookEventFilter = z
  .array(z.union([z.literal('*'), EventType]))
  .min(1)
  .max(50)
  .refine((events) => new Set(events).size === events.length, 'events must not repeat')
  .refine((events) => !events.includes('*') || events.length === 1, '"*" already means every event: send it alone')
  .meta({ id: 'WebhookEventFilter', description: '`["*"]` for every ticket event, or the detail-types to receive' });

/** Shape only: the scheme and the address are checked by the network policy (https, no private hosts). */
export const WebhookUrl = z.url({ protocol: /^https?$/ }).max(2048);

export const CreateWebhookBody = z
  .strictObject({
    url: WebhookUrl,
    events: WebhookEventFilter,
    description: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'CreateWebhookBody' });
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const UpdateWebhookBody = z
  .strictObject({
    url: WebhookUrl.optional(),
    events: WebhookEventFilter.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .meta({ id: 'UpdateWebhookBody' });
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

export const WebhookIdParams = z.strictObject({ webhookId: Id });
export const WebhookDeliveryParams = z.strictObject({ webhookId: Id, deliveryId: Id });

/** An endpoint as an admin sees it: never its secrets. */
export const WebhookView = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().describe('Why the dispatcher disabled it, if it did'),
    disabledAt: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    secretRotatedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Webhook' });
export type WebhookView = z.infer<typeof WebhookView>;

/** What creation and rotation answer: the signing secret, shown this once. */
export const WebhookSecretView = z
  .object({
    id: z.string(),
    secret: z.string().describe('`whsec_` + base64: keep it, it is never shown again'),
    previousSecretExpiresAt: z.string().nullable().optional(),
  })
  .meta({ id: 'WebhookSecret' });

export const WebhookList = z.object({ items: z.array(WebhookView) }).meta({ id: 'WebhookList' });

export const WebhookAttemptView = z
  .object({
    attempt: z.number().int(),
    at: z.string(),
    statusCode: z.number().int().nullable(),
    latencyMs: z.number().int(),
    ok: z.boolean(),
    error: z.string().nullable(),
    responseExcerpt: z.string().nullable().describe('At most 1 KiB of the response body'),
  })
  .meta({ id: 'WebhookAttempt' });

export const WebhookDeliveryStatus = z.enum(['pending', 'retrying', 'succeeded', 'failed', 'cancelled']).meta({ id: 'WebhookDeliveryStatus' });

export const WebhookDeliveryView = z
  .object({
    id: z.string().describe('Also the `webhook-id` header (with a `msg_` prefix): the same on every retry and replay'),
    webhookId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    ticketId: z.string(),
    status: WebhookDeliveryStatus,
    attemptCount: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    attempts: z.array(WebhookAttemptView).describe('Newest last'),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;

export const ListDeliveriesQuery = z.strictObject({ limit: Limit, cursor: Cursor.optional() });
export const WebhookDeliveryList = z
  .object({ items: z.array(WebhookDeliveryView), nextCursor: z.string().nullable() })
  .meta({ id: 'WebhookDeliveryList' });

/** The body of every webhook POST (fixed contract). */
export const WebhookPayload = z
  .object({ type: EventType, timestamp: z.string(), data: z.record(z.string(), z.unknown()) })
  .meta({ id: 'WebhookPayload' });
export type WebhookPayload = z.infer<typeof WebhookPayload>;
