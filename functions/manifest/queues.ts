import { EMAIL_QUEUES } from './features/email';
import { META_QUEUES } from './features/meta';
import { REALTIME_QUEUES } from './features/realtime';
import { SLA_QUEUES } from './features/sla';
import { WEBHOOK_QUEUES } from './features/webhooks';
import { TEAM_QUEUES } from './features/team';
import { WORKFLOW_QUEUES } from './features/workflow';
import { ANALYTICS_QUEUES } from './features/analytics';
import { KB_QUEUES } from './features/kb';
import type { QueueName } from './queue-names';
import type { QueueSpec } from './spec';

export type { QueueSpec } from './spec';
export { QUEUE_NAMES, type QueueName } from './queue-names';

/** The one manifest of queues, gathered from the features: consumer, batch, visibility, redrive. */
export const QUEUES = { ...SLA_QUEUES, ...WEBHOOK_QUEUES, ...REALTIME_QUEUES, ...EMAIL_QUEUES, ...TEAM_QUEUES, ...META_QUEUES,
  ...WORKFLOW_QUEUES, ...ANALYTICS_QUEUES, ...KB_QUEUES } satisfies Record<QueueName, QueueSpec>;

/**
 * How long the consumer waits for a full batch once a message is visible, in seconds: the spec's
 * window, else 1 s for batches above 10 messages (SQS needs one), else none; FIFO queues none.
 * CDK's event source and the local worker both read it.
 */
export function batchingWindowSecondsOf(spec: QueueSpec): number {
  if (spec.fifo) return 0;
  return spec.batchingWindowSeconds ?? (spec.batchSize > 10 ? 1 : 0);
}
