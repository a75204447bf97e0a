import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { LocalQueues } from './adapters/local-queues';
import { QUEUES, type QueueSpec, batchingWindowSecondsOf } from '../../functions/manifest/queues';
import { loadHandler } from './handler-loader';
import { invoke } from './invoke';
import { lambdaContext } from './lambda-context';

/**
 * The longest batching window the local worker waits, by default: a queue's own window (20 s for
 * the stats rollup) would make every test that reads its effect wait that long. The bench lifts
 * it (`HELPDESK_LOCAL_BATCHING_WINDOW_SECONDS`) to measure what the deployed window merges.
 */
export const LOCAL_BATCHING_WINDOW_CAP_SECONDS = 2;

/**
 * Plays the SQS event source mapping: drains each queue of the manifest into its consumer in
 * batches (once a message is visible, waiting up to the queue's batching window, within the
 * local cap, for a full batch), deletes what succeeded, leaves reported failures for the
 * visibility timeout and moves a message to the DLQ after `maxReceiveCount` receives.
 */
export class QueueWorkers {
  private running = false;
  /** Stopping: batches go out as they are, without waiting for their window. */
  private hurry = false;
  private loops: Promise<void>[] = [];
  private inFlight = 0;
  private handled = 0;

  constructor(
    private readonly rootDir: string,
    private readonly queues: LocalQueues,
    private readonly specs: Record<string, QueueSpec> = QUEUES,
    private readonly windowCapSeconds = LOCAL_BATCHING_WINDOW_CAP_SECONDS,
  ) {}

  start(): void {
    this.running = true;
    this.loops = Object.entries(this.specs).map(([name, spec]) => this.consume(name, spec));
  }

  /**
   * Resolves once no queue has a visible message and no batch is being handled, or at
   * `deadline` (epoch ms). Delayed messages stay in their files for the next start.
   * @returns how many batches were handled meanwhile (0: the queues were already idle).
   */
  async drain(deadline: number): Promise<number> {
    const from = this.handled;
    this.hurry = true;
    const busy = () => this.inFlight > 0 || Object.keys(this.specs).some((name) => this.queues.visibleCount(name) > 0);
    while (this.running && Date.now() < deadline && busy()) await new Promise((resolve) => setTimeout(resolve, 20));
    return this.handled - from;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /**
   * Resolves once the consumer has taken each of these messages (deleted, or moved to the DLQ),
   * or at `deadline` (epoch ms). @returns whether all were taken.
   */
  async consumed(sent: readonly { queue: string; id: string }[], deadline: number): Promise<boolean> {
    const pending = () => sent.some(({ queue, id }) => this.queues.holds(queue, id));
    while (this.running && Date.now() < deadline && pending()) await new Promise((resolve) => setTimeout(resolve, 20));
    return !pending();
  }

  /** The batching window this worker waits for a queue, in ms: the manifest's, within the cap. */
  private windowMs(spec: QueueSpec): number {
    return Math.min(batchingWindowSecondsOf(spec), this.windowCapSeconds) * 1000;
  }

  /** Once a message is visible: waits up to the window for a full batch. */
  private async gather(name: string, spec: QueueSpec) {
    const until = Date.now() + this.windowMs(spec);
    while (this.running && !this.hurry && Date.now() < until && this.queues.visibleCount(name) < spec.batchSize) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async consume(name: string, spec: QueueSpec) {
    const load = () => loadHandler<(event: SQSEvent, context: unknown) => Promise<SQSBatchResponse | void>>(this.rootDir, spec.consumerEntry);
    while (this.running) {
      if (this.windowMs(spec) > 0 && this.queues.visibleCount(name) > 0) await this.gather(name, spec);
      const batch = this.queues.receive(name, spec.batchSize, spec.visibilityTimeoutSeconds);
      if (!batch.length) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      let failed = new Set<string>();
      this.inFlight += 1;
      try {
        const response = await invoke(load, toSqsEvent(name, batch), lambdaContext(`helpdesk-${name}`, spec.visibilityTimeoutSeconds, spec.memoryMb), `queue:${name}`);
        failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      } catch (error) {
        console.error(`queue ${name}: consumer failed the whole batch:`, (error as Error).message);
        failed = new Set(batch.map((m) => m.id));
      } finally {
        this.inFlight -= 1;
        this.handled += 1;
      }
      for (const message of batch) {
        if (!failed.has(message.id)) this.queues.delete(name, message.id);
        else if (message.receiveCount >= spec.maxReceiveCount) this.queues.deadLetter(name, message.id);
      }
    }
  }
}

function toSqsEvent(queue: string, batch: { id: string; body: string; sentAt: string; receiveCount: number; groupId?: string; deduplicationId?: string }[]): SQSEvent {
  return {
    Records: batch.map((message) => ({
      messageId: message.id,
      receiptHandle: message.id,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(Date.parse(message.sentAt)),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
        ...(message.groupId ? { MessageGroupId: message.groupId, MessageDeduplicationId: message.deduplicationId ?? message.id, SequenceNumber: '0' } : {}),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:local:000000000000:helpdesk-${queue}`,
      awsRegion: 'local',
    })),
  };
}
