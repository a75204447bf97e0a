import {
  CreateWebhookBody, ListDeliveriesQuery, UpdateWebhookBody, WebhookDeliveryList, WebhookDeliveryParams, WebhookDeliveryView,
  WebhookIdParams, WebhookList, WebhookSecretView, WebhookView,
} from '../../../schemas/webhooks';
import { COMMON_ERRORS, type ManifestRuleSpec, type HttpGroupSpec, type HttpRouteSpec, type QueueSpec, problem } from '../spec';
import type { QueueName } from '../queue-names';

/** The webhooks feature's routes, handler groups, bus rules and queues. */
export const WEBHOOK_GROUPS = {
  // Registration resolves the host (SSRF check); replay writes its job to the outbox (no queue access needed).
  webhooks: { entry: 'functions/handlers/http/webhooks.ts', memoryMb: 256, timeoutSeconds: 10 },
} as const satisfies Record<string, HttpGroupSpec>;

const ADMIN = ['admin'] as const;
const URL_ERRORS = { ...COMMON_ERRORS, 400: problem('Invalid field, unknown event name, or a URL the network policy refuses (`webhook-url-refused`)') };

export const WEBHOOK_ROUTES = [
  {
    operationId: 'createWebhook', method: 'POST', path: '/v1/webhooks', group: 'webhooks', roles: ADMIN, idempotent: true,
    summary: 'Register a webhook endpoint; its signing secret is shown once',
    request: { body: CreateWebhookBody },
    responses: { 201: { description: 'Created; Location set', schema: WebhookSecretView }, ...URL_ERRORS },
  },
  {
    operationId: 'listWebhooks', method: 'GET', path: '/v1/webhooks', group: 'webhooks', roles: ADMIN,
    summary: 'The organization\'s webhook endpoints (never their secrets)',
    responses: { 200: { description: 'Endpoints', schema: WebhookList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getWebhook', method: 'GET', path: '/v1/webhooks/{webhookId}', group: 'webhooks', roles: ADMIN,
    summary: 'A webhook endpoint (without its secret)',
    request: { params: WebhookIdParams },
    responses: { 200: { description: 'The endpoint', schema: WebhookView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateWebhook', method: 'PATCH', path: '/v1/webhooks/{webhookId}', group: 'webhooks', roles: ADMIN,
    summary: 'Change url, events, description, or enable/disable a webhook endpoint',
    request: { params: WebhookIdParams, body: UpdateWebhookBody },
    responses: { 200: { description: 'The endpoint', schema: WebhookView }, ...URL_ERRORS },
  },
  {
    operationId: 'deleteWebhook', method: 'DELETE', path: '/v1/webhooks/{webhookId}', group: 'webhooks', roles: ADMIN,
    summary: 'Remove a webhook endpoint; pending deliveries are cancelled',
    request: { params: WebhookIdParams },
    responses: { 204: { description: 'Removed' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'rotateWebhookSecret', method: 'POST', path: '/v1/webhooks/{webhookId}/rotate-secret', group: 'webhooks', roles: ADMIN,
    summary: 'Issue a new signing secret (shown once); the old one also signs for 24 h',
    request: { params: WebhookIdParams },
    responses: { 200: { description: 'The new secret', schema: WebhookSecretView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listWebhookDeliveries', method: 'GET', path: '/v1/webhooks/{webhookId}/deliveries', group: 'webhooks', roles: ADMIN,
    summary: 'An endpoint\'s deliveries, newest first, with every attempt',
    request: { params: WebhookIdParams, query: ListDeliveriesQuery },
    responses: { 200: { description: 'A page', schema: WebhookDeliveryList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'replayWebhookDelivery', method: 'POST', path: '/v1/webhooks/{webhookId}/deliveries/{deliveryId}/replay', group: 'webhooks', roles: ADMIN,
    summary: 'Send a delivery again (same webhook-id and body, a fresh 24 h of retries)',
    request: { params: WebhookDeliveryParams },
    responses: { 202: { description: 'Queued', schema: WebhookDeliveryView }, ...COMMON_ERRORS, 409: problem('The endpoint is disabled') },
  },
] as const satisfies readonly HttpRouteSpec[];

/** Every ticket event goes to the fan-out, which plans one delivery per endpoint that wants it; its outbox job queues it. */
export const WEBHOOK_RULES: readonly ManifestRuleSpec[] = [
  {
    name: 'webhook-fan-out',
    description: 'Plans one webhook delivery per (event, endpoint), with its dispatch job in the same transaction',
    detailTypes: '*',
    // Every event: which ones an endpoint wants is each organization's setting (so no content
    // filter can say it; an organization without endpoints costs the one Query of its endpoints).
    // By construction: each delivery (its id is the event's and the endpoint's) is created
    // conditionally in one transaction with its first dispatch job, which `webhook-delivery-jobs`
    // hands to the dispatcher's queue. A redelivered event fails the delivery's condition and
    // writes and sends nothing (test/integration/domain/webhooks/webhooks.test.ts,
    // test/e2e/consumer-dedupe.test.ts); the handler itself sends to no queue.
    target: { kind: 'function', dedupe: 'by-construction', entry: 'functions/handlers/events/webhook-fan-out.ts', timeoutSeconds: 30, memoryMb: 256 },
  },
  {
    name: 'webhook-delivery-jobs',
    description: 'Hands each planned or replayed delivery (an outbox job) to the dispatcher\'s queue',
    detailTypes: ['job.webhook.delivery'],
    target: { kind: 'queue', queue: 'webhook-deliveries', body: 'job-data' },
  },
];

export const WEBHOOK_QUEUES = {
  // The dispatcher bounds a batch to 10 concurrent POSTs of ≤ 10 s each; retries re-enqueue themselves.
  'webhook-deliveries': {
    consumerEntry: 'functions/handlers/sqs/webhook-dispatcher.ts', batchSize: 10, visibilityTimeoutSeconds: 120, maxReceiveCount: 5,
    memoryMb: 256, needs: ['queues'],
  },
} as const satisfies Partial<Record<QueueName, QueueSpec>>;
