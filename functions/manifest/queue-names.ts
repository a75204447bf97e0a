/**
 * The names of the manifest's queues (functions/manifest/queues.ts gives each its consumer and
 * settings). Apart from the specs so the domain can name a queue it hands work to without
 * importing handler paths; `QUEUES` must have exactly these keys, or it fails to compile.
 */
const NAMES = ['sla-policy-recompute', 'webhook-deliveries', 'email-inbound', 'meta-inbound', 'bulk-jobs', 'analytics-exports', 'kb-reindex', 'weekly-summary-schedules', 'stats-rollup'] as const;
export type QueueName = (typeof NAMES)[number];
export const QUEUE_NAMES: readonly QueueName[] = NAMES;
