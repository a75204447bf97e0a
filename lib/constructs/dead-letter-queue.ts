import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ALARM_PERIOD, type Alarms } from './alarms';

/** What every Helpdesk queue is: SSE with the SQS managed key, TLS only. */
export const QUEUE_DEFAULTS = {
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
} satisfies QueueProps;

/**
 * A dead-letter queue that keeps messages for the SQS maximum (14 days) and alarms as soon as
 * one lands in it: anything here is a delivery that exhausted its retries.
 * SSE-SQS, not a customer managed key: EventBridge, Pipes and Scheduler all deliver to it.
 */
export function deadLetterQueue(scope: Construct, id: string, alarms: Alarms, what: string, options: { fifo?: boolean } = {}): Queue {
  // A FIFO queue's dead-letter queue must be FIFO too.
  const queue = new Queue(scope, id, { ...QUEUE_DEFAULTS, retentionPeriod: Duration.days(14), ...(options.fifo ? { fifo: true } : {}) });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This is the dead-letter queue of ${what}; it alarms on its first message instead of redriving further.`,
  });
  alarms.add(queue, 'DepthAlarm', {
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
    description: `${what}: messages in the dead-letter queue (deliveries that exhausted their retries)`,
  });
  return queue;
}
