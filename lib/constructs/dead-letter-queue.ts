import { Duration, Lazy, Validations } from 'aws-cdk-lib';
import { CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALARM_PERIOD, type Alarms } from './alarms';

/** What every Helpdesk queue is: SSE with the SQS managed key, TLS only. */
export const QUEUE_DEFAULTS = {
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
} satisfies QueueProps;

/**
 * Which shared dead-letter queue a delivery ends in:
 * - `work`: standard SQS work queues (their consumers exhausted `maxReceiveCount`); SQS's
 *   "Start DLQ redrive" moves each message back to the queue it came from;
 * - `work-fifo`: FIFO work queues (a FIFO queue's dead-letter queue must be FIFO too);
 * - `events`: deliveries by AWS services that are not SQS queues: the table stream Pipe, the bus
 *   rules' targets, the Scheduler's timers. Their messages name the pipe, rule or schedule in
 *   their attributes and are re-put by hand; kept apart from `work` because SQS redrive to the
 *   source works only for messages that came from SQS queues.
 */
export type DeadLetterKind = 'work' | 'work-fifo' | 'events';

const KINDS: Record<DeadLetterKind, { id: string; fifo: boolean; what: string }> = {
  work: { id: 'WorkDeadLetterQueue', fifo: false, what: 'work queues' },
  'work-fifo': { id: 'FifoWorkDeadLetterQueue', fifo: true, what: 'FIFO work queues' },
  events: { id: 'EventsDeadLetterQueue', fifo: false, what: 'service deliveries' },
};

/**
 * The stack's dead-letter queues, shared by kind (at most three, instead of one per source: each
 * was a queue, a queue policy and an alarm metric), and ONE alarm on the sum of their depths.
 *
 * CloudWatch bills a metric-math alarm per metric in its expression ($0.10 per alarm metric a
 * month; the free tier's ten alarm metrics count them the same way), so folding N queues' alarms
 * into one expression saves no money by itself: it is having three dead-letter queues rather than
 * ten that brings the stack's alarm metrics inside the free ten. The one alarm keeps a single
 * page for a single condition ("a delivery exhausted its retries"); the queue with messages says
 * which kind, and the messages say which source.
 */
export class DeadLetters extends Construct {
  private readonly queues = new Map<DeadLetterKind, Queue>();
  private readonly sources = new Map<DeadLetterKind, string[]>();

  /** The dead letters of the stack that `alarms` belongs to, made on first use. */
  static of(alarms: Alarms): DeadLetters {
    return (alarms.node.tryFindChild('DeadLetters') as DeadLetters | undefined) ?? new DeadLetters(alarms, 'DeadLetters', alarms);
  }

  private constructor(scope: Construct, id: string, private readonly alarms: Alarms) {
    super(scope, id);
  }

  /** The dead-letter queue of `kind`, for `what` (named in the alarm's description). */
  queue(kind: DeadLetterKind, what: string): Queue {
    this.sources.set(kind, [...(this.sources.get(kind) ?? []), what]);
    let queue = this.queues.get(kind);
    if (queue) return queue;
    const { id, fifo } = KINDS[kind];
    queue = new Queue(this, id, { ...QUEUE_DEFAULTS, retentionPeriod: Duration.days(14), ...(fifo ? { fifo: true } : {}) });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This is the dead-letter queue of ${KINDS[kind].what}; it alarms on its first message instead of redriving further.`,
    });
    this.queues.set(kind, queue);
    if (this.queues.size === 1) this.alarm();
    return queue;
  }

  /** Every dead-letter queue made so far, by kind. */
  get all(): ReadonlyMap<DeadLetterKind, Queue> {
    return this.queues;
  }

  /**
   * The depth alarm: the SUM of each queue's ApproximateNumberOfMessagesVisible (Maximum over the
   * period), at least one message in one period. The queues are read at synthesis, so a queue made
   * after the first is in the expression too.
   */
  private alarm(): void {
    const topic = this.alarms.topic.topicArn;
    const entries = () => [...this.queues.entries()];
    new CfnAlarm(this, 'DepthAlarm', {
      alarmDescription: Lazy.string({
        produce: () => 'Messages in a dead-letter queue (deliveries that exhausted their retries): '
          + entries().map(([kind]) => `${KINDS[kind].what}: ${(this.sources.get(kind) ?? []).join(', ')}`).join('; '),
      }),
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: 'notBreaching',
      alarmActions: [topic],
      okActions: [topic],
      metrics: Lazy.any({
        produce: () => [
          ...entries().map(([kind, queue], i) => ({
            id: `dlq${i}`,
            label: KINDS[kind].what,
            returnData: false,
            metricStat: {
              metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: [{ name: 'QueueName', value: queue.queueName }] },
              period: ALARM_PERIOD.toSeconds(),
              stat: 'Maximum',
            },
          })),
          { id: 'deadLetters', label: 'messages in dead-letter queues', returnData: true, expression: `SUM([${entries().map((_e, i) => `dlq${i}`).join(', ')}])` },
        ],
      }),
    });
  }
}

/** The shared dead-letter queue of `kind` for `what` (see DeadLetters). */
export function deadLetterQueue(alarms: Alarms, kind: DeadLetterKind, what: string): Queue {
  return DeadLetters.of(alarms).queue(kind, what);
}
