import { EMAIL_QUEUES } from './features/email';
import { META_QUEUES } from './features/meta';
import { REALTIME_QUEUES } from './features/realtime';
import { SLA_QUEUES } from './features/sla';
import { WEBHOOK_QUEUES } from './features/webhooks';
import { TEAM_QUEUES } from './features/team';
import { WORKFLOW_QUEUES } from './features/workflow';
import type { QueueName } from './queue-names';
import type { QueueSpec } from './spec';

export type { QueueSpec } from './spec';
export { QUEUE_NAMES, type QueueName } from './queue-names';

/** The one manifest of queues, gathered from the features: consumer, batch, visibility, redrive. */
export const QUEUES = { ...SLA_QUEUES, ...WEBHOOK_QUEUES, ...REALTIME_QUEUES, ...EMAIL_QUEUES, ...TEAM_QUEUES, ...META_QUEUES,
  ...WORKFLOW_QUEUES } satisfies Record<QueueName, QueueSpec>;
