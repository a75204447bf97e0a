import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queueUrlEnv } from '../../functions/config';
import { QUEUES, batchingWindowSecondsOf } from '../../functions/manifest/queues';
import type { QueueSpec } from '../../functions/manifest/spec';
import { QUEUE_DEFAULTS, deadLetterQueue } from './dead-letter-queue';
import type { HandlerFunction } from './handler-function';
import { type ManifestFunctionDefaults, manifestFunction, pascal } from './manifest-function';

export interface ManifestQueuesProps extends ManifestFunctionDefaults {
  /**
   * The queues to make.
   * @default QUEUES, the shared manifest
   */
  readonly queues?: Readonly<Record<string, QueueSpec>>;
}

export interface ManifestQueue {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly consumer: HandlerFunction;
}

/**
 * The consumer's timeout: a sixth of the visibility timeout, as AWS advises for SQS event
 * sources (a batch that is retried after a throttle still finishes before the message
 * reappears), at least 3 s and never more than the visibility timeout.
 */
export function consumerTimeoutSeconds(spec: QueueSpec): number {
  return Math.min(spec.visibilityTimeoutSeconds, Math.max(3, Math.floor(spec.visibilityTimeoutSeconds / 6)));
}

/** The event source's batching window (batchingWindowSecondsOf), none when it is 0. */
export function batchingWindowOf(spec: QueueSpec): Duration | undefined {
  const seconds = batchingWindowSecondsOf(spec);
  return seconds > 0 ? Duration.seconds(seconds) : undefined;
}

/**
 * One SQS queue per manifest entry, each redriving to the shared work dead-letter queue (FIFO
 * queues to the FIFO one; lib/constructs/dead-letter-queue.ts) after `maxReceiveCount` receives,
 * under the one dead-letter alarm, and its consumer function fed by an event source that reports
 * partial batch failures. Provides the
 * 'queues' capability: send to every queue, with each URL as QUEUE_URL_<NAME>.
 */
export class ManifestQueues extends Construct {
  readonly queues: Record<string, ManifestQueue> = {};

  constructor(scope: Construct, id: string, props: ManifestQueuesProps) {
    super(scope, id);
    const specs = Object.entries(props.queues ?? QUEUES) as [string, QueueSpec][];

    for (const [name, spec] of specs) {
      const scopeOf = new Construct(this, pascal(name));
      const timeout = consumerTimeoutSeconds(spec);
      const dlq = deadLetterQueue(props.alarms, spec.fifo ? 'work-fifo' : 'work', name);
      const queue = new Queue(scopeOf, 'Queue', {
        ...QUEUE_DEFAULTS,
        // FIFO: senders give each message its group and deduplication id (no content-based deduplication).
        ...(spec.fifo ? { fifo: true, contentBasedDeduplication: false } : {}),
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: dlq, maxReceiveCount: spec.maxReceiveCount },
      });
      // No age alarm per queue (an alarm metric each, beyond the free ten): a failing consumer
      // shows in the account-level Lambda Errors alarm, and what exhausts its retries in the DLQ's.

      const consumer = manifestFunction(scopeOf, 'Consumer', { entry: spec.consumerEntry, memoryMb: spec.memoryMb, needs: spec.needs },
        // Its event source grants it receive and delete on its own queue: a role no other function shares.
        `Helpdesk queue consumer ${name}`, props, { timeout: Duration.seconds(timeout), ownGrants: [`consumer:${name}`] });
      consumer.function.addEventSource(new SqsEventSource(queue, {
        batchSize: spec.batchSize,
        maxBatchingWindow: batchingWindowOf(spec),
        reportBatchItemFailures: true,
      }));
      this.queues[name] = { queue, deadLetterQueue: dlq, consumer };
    }

    if (specs.length > 0) {
      props.capabilities.provide('queues', (handler) => {
        for (const [name, { queue }] of Object.entries(this.queues)) {
          queue.grantSendMessages(handler.role);
          handler.function.addEnvironment(queueUrlEnv(name), queue.queueUrl);
        }
      });
    }
  }
}
